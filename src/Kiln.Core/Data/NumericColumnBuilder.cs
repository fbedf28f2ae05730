namespace Kiln.Core.Data;

/// <summary>Parses cells straight into doubles (no string per cell); missing cells become NaN.</summary>
internal sealed class NumericColumnBuilder(MissingTokens missingTokens, int? expectedRows) : ColumnBuilder
{
    private readonly ChunkedBuffer<double> _values = new(expectedRows);
    private readonly bool _checkTokensFirst = missingTokens.HasNumericToken;

    public override string Expectation => "a number";

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool TryAppend(ReadOnlySpan<char> cell)
    {
        if (_checkTokensFirst && missingTokens.Matches(cell))
        {
            _values.Add(double.NaN);
            return true;
        }
        if (NumberParser.TryParse(cell, out var value))
        {
            _values.Add(value);
            return true;
        }
        if (missingTokens.Matches(cell))
        {
            _values.Add(double.NaN);
            return true;
        }
        return false;
    }

    public override Column Build(string name) => NumericColumn.FromOwned(name, _values.MoveToArray());
}
