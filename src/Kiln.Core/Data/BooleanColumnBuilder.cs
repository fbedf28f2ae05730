namespace Kiln.Core.Data;

/// <summary>Parses cells as <c>true</c> / <c>false</c> in any letter case; 0 and 1 are not booleans.</summary>
internal sealed class BooleanColumnBuilder(MissingTokens missingTokens, int? expectedRows) : ColumnBuilder
{
    private readonly ChunkedBuffer<bool?> _values = new(expectedRows);

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
            _values.Add(value);
            return true;
        }
        if (missingTokens.Matches(cell))
        {
            _values.Add(null);
            return true;
        }
        return false;
    }

    public override Column Build(string name) => new BooleanColumn(name, _values.MoveToArray());
}
