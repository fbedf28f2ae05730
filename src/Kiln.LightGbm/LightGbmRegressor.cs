using Kiln.Core.Learners;

namespace Kiln.LightGbm;

/// <summary>Gradient-boosted regression trees by LightGBM (objective <c>regression</c>, squared error; metric <c>l2</c>).</summary>
public sealed class LightGbmRegressor : IEstimator<LightGbmRegressorModel>
{
    /// <summary>A regressor with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of its range; the message names it, its value and the range.</exception>
    public LightGbmRegressor(LightGbmOptions options)
    {
        LightGbmParameters.Validate(options);
        Options = options;
    }

    /// <summary>A regressor with LightGBM's default options.</summary>
    public LightGbmRegressor()
        : this(new LightGbmOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public LightGbmOptions Options { get; }

    /// <inheritdoc/>
    /// <remarks>Uses <see cref="FitContext.MaxDegreeOfParallelism"/> threads; with <see cref="FitContext.Validation"/> records <c>validation_l2</c> per round and stops early when <see cref="LightGbmOptions.EarlyStoppingRounds"/> is positive.</remarks>
    public LightGbmRegressorModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = LightGbmFit.InputSchema(data, "LightGBM");
        var labels = Array.ConvertAll(data.NumericTarget(), value => (float)value);
        LightGbmMatrix? validation = null;
        float[]? validationLabels = null;
        if (context.Validation is { } validationSet)
        {
            validation = LightGbmFit.Matrix(inputSchema, validationSet);
            validationLabels = Array.ConvertAll(validationSet.NumericTarget(), value => (float)value);
        }
        var parameters = LightGbmParameters.Build(Options, "regression", "l2", classCount: 0, context.MaxDegreeOfParallelism, trainingMetric: context.Metrics is not null);
        var text = LightGbmBooster.Train(LightGbmFit.Matrix(inputSchema, data), labels, LightGbmFit.Weights(data), validation, validationLabels, parameters, Options, "l2", context);
        return new LightGbmRegressorModel(Options, inputSchema, LightGbmBooster.FromText(text, inputSchema.Count, 1));
    }
}
