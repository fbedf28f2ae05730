using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.LightGbm;

// Features as one row-major array of doubles, the layout LightGBM's *FromMat / *ForMat calls take. NaN stays NaN:
// LightGBM treats it as missing.
internal sealed class LightGbmMatrix
{
    private LightGbmMatrix(double[] values, int rowCount, int columnCount)
    {
        Values = values;
        RowCount = rowCount;
        ColumnCount = columnCount;
    }

    public double[] Values { get; }

    public int RowCount { get; }

    public int ColumnCount { get; }

    public static LightGbmMatrix From(NumericColumn[] columns, ReadOnlySpan<int> rows)
    {
        var values = new double[(long)rows.Length * columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = columns[j].Values;
            for (var i = 0; i < rows.Length; i++)
                values[((long)i * columns.Length) + j] = column[rows[i]];
        }
        return new LightGbmMatrix(values, rows.Length, columns.Length);
    }

    public static LightGbmMatrix From(Schema inputSchema, Table features)
    {
        var columns = FeatureColumns.Resolve(inputSchema, features);
        var rows = new int[features.RowCount];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = i;
        return From(columns, rows);
    }
}
