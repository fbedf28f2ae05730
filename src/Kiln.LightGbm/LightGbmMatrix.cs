namespace Kiln.LightGbm;

// Features as one row-major array of doubles, the layout LightGBM's *FromMat / *ForMat calls take (LightGbmFeatures builds it).
// NaN stays NaN: LightGBM treats it as missing.
internal sealed class LightGbmMatrix(double[] values, int rowCount, int columnCount)
{
    public double[] Values { get; } = values;

    public int RowCount { get; } = rowCount;

    public int ColumnCount { get; } = columnCount;
}
