using Kiln.Core.Learners;

namespace Kiln.LightGbm;

/// <summary>
/// Gradient-boosted classification trees by LightGBM: objective <c>binary</c> (metric <c>binary_logloss</c>) for two
/// classes, <c>multiclass</c> (metric <c>multi_logloss</c>) for more.
/// </summary>
public sealed class LightGbmClassifier : IEstimator<LightGbmClassifierModel>
{
    /// <summary>A classifier with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of its range; the message names it, its value and the range.</exception>
    public LightGbmClassifier(LightGbmOptions options)
    {
        LightGbmParameters.Validate(options);
        Options = options;
    }

    /// <summary>A classifier with LightGBM's default options.</summary>
    public LightGbmClassifier()
        : this(new LightGbmOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public LightGbmOptions Options { get; }

    /// <inheritdoc/>
    /// <remarks>Uses <see cref="FitContext.MaxDegreeOfParallelism"/> threads; with <see cref="FitContext.Validation"/> records the validation log-loss per round and stops early when <see cref="LightGbmOptions.EarlyStoppingRounds"/> is positive.</remarks>
    public LightGbmClassifierModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = LightGbmFit.InputSchema(data, "LightGBM");
        var classes = data.ClassLabels();
        if (classes.ClassCount < 2)
            throw new ArgumentException($"The target has {classes.ClassCount} class ({string.Join(", ", classes.Classes)}); a LightGBM classifier needs at least two.", nameof(data));
        var labels = Codes(classes.Codes);
        LightGbmMatrix? validation = null;
        float[]? validationLabels = null;
        if (context.Validation is { } validationSet)
        {
            validation = LightGbmFit.Matrix(inputSchema, validationSet);
            validationLabels = ValidationCodes(validationSet, classes.Classes);
        }
        var (objective, metric) = classes.ClassCount == 2 ? ("binary", "binary_logloss") : ("multiclass", "multi_logloss");
        var parameters = LightGbmParameters.Build(Options, objective, metric, classes.ClassCount, context.MaxDegreeOfParallelism, trainingMetric: context.Metrics is not null);
        var text = LightGbmBooster.Train(LightGbmFit.Matrix(inputSchema, data), labels, LightGbmFit.Weights(data), validation, validationLabels, parameters, Options, metric, context);
        var outputs = classes.ClassCount == 2 ? 1 : classes.ClassCount;
        return new LightGbmClassifierModel(Options, inputSchema, [.. classes.Classes], LightGbmBooster.FromText(text, inputSchema.Count, outputs));
    }

    private static float[] Codes(ReadOnlySpan<int> codes)
    {
        var labels = new float[codes.Length];
        for (var i = 0; i < codes.Length; i++)
            labels[i] = codes[i];
        return labels;
    }

    private static float[] ValidationCodes(TrainingSet validation, IReadOnlyList<string> classes)
    {
        var validationLabels = validation.ClassLabels();
        var labels = new float[validation.RowCount];
        var codes = validationLabels.Codes;
        for (var i = 0; i < labels.Length; i++)
        {
            var label = validationLabels.Classes[codes[i]];
            var code = -1;
            for (var k = 0; k < classes.Count; k++)
            {
                if (string.Equals(classes[k], label, StringComparison.Ordinal))
                    code = k;
            }
            if (code < 0)
                throw new ArgumentException($"The validation set has class '{label}' in row {validation.SourceRow(i)}, which the training set does not have ({string.Join(", ", classes)}).", nameof(validation));
            labels[i] = code;
        }
        return labels;
    }
}
