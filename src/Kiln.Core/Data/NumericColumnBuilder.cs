namespace Kiln.Core.Data;

/// <summary>Parses cells straight into doubles (no string per cell); missing cells become NaN.</summary>
internal sealed class NumericColumnBuilder(MissingTokens missingTokens, ChunkedBuffer<double> values) : ColumnBuilder
{
    private readonly bool _checkTokensFirst = missingTokens.HasNumericToken;

    public override string Expectation => "a number";

    public override bool TryAppend(ReadOnlySpan<char> cell)
    {
        if (_checkTokensFirst && missingTokens.Matches(cell))
        {
            values.Add(double.NaN);
            return true;
        }
        if (NumberParser.TryParse(cell, out var value))
        {
            values.Add(value);
            return true;
        }
        if (missingTokens.Matches(cell))
        {
            values.Add(double.NaN);
            return true;
        }
        return false;
    }

    public override ColumnBuilder Follow(int start, int count) =>
        new NumericColumnBuilder(missingTokens, ChunkedBuffer<double>.ForRange(values.Target, start, count));

    public override Column Build(string name) => NumericColumn.FromOwned(name, values.MoveToArray());
}
