namespace Kiln.Core.Data;

/// <summary>Parses cells as <c>true</c> / <c>false</c> in any letter case; 0 and 1 are not booleans.</summary>
internal sealed class BooleanColumnBuilder(MissingTokens missingTokens, ChunkedBuffer<bool?> values) : ColumnBuilder
{
    public override string Expectation => "a boolean (true or false)";

    public static bool TryParse(ReadOnlySpan<char> cell, out bool value)
    {
        if (cell.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        value = false;
        return cell.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    public override bool TryAppend(ReadOnlySpan<char> cell)
    {
        if (TryParse(cell, out var value))
        {
            values.Add(value);
            return true;
        }
        if (missingTokens.Matches(cell))
        {
            values.Add(null);
            return true;
        }
        return false;
    }

    public override ColumnBuilder Follow(int start, int count) =>
        new BooleanColumnBuilder(missingTokens, ChunkedBuffer<bool?>.ForRange(values.Target, start, count));

    public override Column Build(string name) => new BooleanColumn(name, values.MoveToArray());
}
