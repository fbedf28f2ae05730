using System.Runtime.InteropServices;
using Kiln.Core.Data;

namespace Kiln.Core.Learners.Trees;

// The layouts both tree models share (the input checks are NumericInputs).
internal static class TreeInputs
{
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

}
