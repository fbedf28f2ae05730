using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.LightGbm;

// The parts of one fit both estimators share: the early-stopping rows, the matrices, the parameters and the training call.
internal static class LightGbmFit
{
    public const string Learner = "LightGBM";

    // What a fit produced: the model's features and LightGBM's model text of the kept iteration.
    public sealed record Result(LightGbmFeatures Features, string ModelText);

    // The rows to fit on and the rows to watch: with early stopping, the context's validation set or a held-out
    // validation_fraction (EarlyStoppingSplit); without it, every row, and the context's validation set for the curve only.
    public static EarlyStoppingSplit Split(TrainingSet data, FitContext context, LightGbmOptions options, bool stratify) =>
        options.EarlyStoppingRounds > 0
            ? EarlyStoppingSplit.Resolve(data, context, options.ValidationFraction, Seeds.Derive(options.Seed, stream: 1), stratify)
            : new EarlyStoppingSplit(data, context.Validation, IsHeldOut: false);

    public static Result Train(
        LightGbmFeatures features,
        EarlyStoppingSplit split,
        float[] labels,
        double[]? weights,
        float[]? validationLabels,
        LightGbmOptions options,
        string objective,
        string metric,
        int classCount,
        FitContext context)
    {
        var parameters = LightGbmParameters.Build(options, objective, metric, classCount, context.MaxDegreeOfParallelism, trainingMetric: context.Metrics is not null, features.CategoricalParameter);
        var text = LightGbmBooster.Train(
            features.Matrix(split.Fit),
            labels,
            weights is null ? null : Array.ConvertAll(weights, value => (float)value),
            split.Validation is null ? null : features.Matrix(split.Validation),
            validationLabels,
            parameters,
            options,
            metric,
            context);
        return new Result(features, text);
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
