using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.LightGbm;

// The inputs of one fit, gathered the way both estimators need them.
internal static class LightGbmFit
{
    public static Schema InputSchema(TrainingSet data, string learner)
    {
        var wrongKind = data.Features.Schema.Where(column => column.Kind != ColumnKind.Numeric).Select(column => $"'{column.Name}' is {column.Kind}").ToList();
        if (wrongKind.Count > 0)
            throw new SchemaMismatchException($"{learner} takes numeric features, and {string.Join(", ", wrongKind)}. Prepare the table first (encode categories, parse dates).");
        if (data.Features.Schema.Count == 0)
            throw new ArgumentException($"{learner} needs at least one feature column; the training set has none.", nameof(data));
        if (data.RowCount == 0)
            throw new ArgumentException($"{learner} needs at least one training row; the training set has none.", nameof(data));
        return data.Features.Schema;
    }

    public static LightGbmMatrix Matrix(Schema inputSchema, TrainingSet data) =>
        LightGbmMatrix.From(FeatureColumns.Resolve(inputSchema, data.Features), data.RowIndices);

    public static float[]? Weights(TrainingSet data)
    {
        var weights = data.SampleWeights();
        return weights is null ? null : Array.ConvertAll(weights, value => (float)value);
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
}
