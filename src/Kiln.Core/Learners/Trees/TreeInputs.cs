using System.Runtime.InteropServices;
using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Trees;

// The input checks and layouts both tree models share.
internal static class TreeInputs
{
    public static Schema From(Table features)
    {
        var wrongKind = features.Schema.Where(column => column.Kind != ColumnKind.Numeric).Select(column => $"'{column.Name}' is {column.Kind}").ToList();
        if (wrongKind.Count > 0)
        {
            throw new SchemaMismatchException(
                $"Decision trees take numeric features, and {string.Join(", ", wrongKind)}. Prepare the table first (encode categories, parse dates).");
        }
        return features.Schema;
    }

    // The set's sample weights, or ones.
    public static double[] Weights(TrainingSet data)
    {
        var weights = data.SampleWeights();
        if (weights is not null)
            return weights;
        weights = new double[data.RowCount];
        weights.AsSpan().Fill(1.0);
        return weights;
    }

    public static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
            sum += value;
        return sum;
    }

    public static int[] AllRows(int count)
    {
        var rows = new int[count];
        for (var i = 0; i < count; i++)
            rows[i] = i;
        return rows;
    }

    // The model's input columns of `features` as arrays, in input-schema order, for column-major prediction.
    public static double[][] Columns(Schema inputSchema, Table features)
    {
        var columns = FeatureColumns.Resolve(inputSchema, features);
        var arrays = new double[columns.Length][];
        for (var j = 0; j < columns.Length; j++)
        {
            var memory = columns[j].Memory;
            arrays[j] = MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : memory.ToArray();
        }
        return arrays;
    }

    public static void CheckRow(Schema inputSchema, ReadOnlySpan<double> features)
    {
        if (features.Length != inputSchema.Count)
            throw new ArgumentException($"The row has {features.Length} values; the model takes {inputSchema.Count} ({inputSchema}).", nameof(features));
    }

    public static void CheckDestination(int rowCount, int valuesPerRow, int destinationLength)
    {
        if (destinationLength != (long)rowCount * valuesPerRow)
            throw new ArgumentException($"The destination holds {destinationLength} values; {rowCount} rows need {(long)rowCount * valuesPerRow}.");
    }

    public static Schema Load(BundleReader reader)
    {
        var schema = reader.ReadSchema("inputs");
        foreach (var column in schema)
        {
            if (column.Kind != ColumnKind.Numeric)
                throw reader.Invalid($"input column '{column.Name}' is {column.Kind}; the model takes numeric columns only");
        }
        return schema;
    }
}
