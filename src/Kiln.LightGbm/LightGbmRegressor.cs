using Kiln.Core.Learners;

namespace Kiln.LightGbm;

/// <summary>Gradient-boosted regression trees by LightGBM (objective <c>regression</c>, squared error; metric <c>l2</c>).</summary>
/// <remarks>Features are numeric or categorical, as for <see cref="LightGbmClassifier"/>.</remarks>
public sealed class LightGbmRegressor : IEstimator<LightGbmRegressorModel>, INativeCategoricalFeatures
{
    /// <summary>A regressor with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of its range; the message names it, its value and the range; or <c>class_weight</c> is set (it applies to classification only).</exception>
    public LightGbmRegressor(LightGbmOptions options)
    {
        LightGbmParameters.Validate(options);
        if (options.ClassWeight != LightGbmClassWeights.None)
            throw new ArgumentException($"class_weight is '{options.ClassWeight}'; it applies to classification only, so a LightGBM regressor takes {LightGbmClassWeights.None}.", nameof(options));
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
    public bool TakesCategoricalFeatures => true;

    /// <inheritdoc/>
    /// <remarks>
    /// Uses <see cref="FitContext.MaxDegreeOfParallelism"/> threads. With <see cref="LightGbmOptions.EarlyStoppingRounds"/>
    /// positive, stops on the validation <c>l2</c> of <see cref="FitContext.Validation"/>, or without one of a
    /// <see cref="LightGbmOptions.ValidationFraction"/> of the rows held out, and keeps the best round; without it, records
    /// <c>validation_l2</c> per round when the context has a validation set.
    /// </remarks>
    /// <exception cref="Kiln.Core.KilnException">LightGBM refused the data or the parameters; the message carries LightGBM's own.</exception>
    public LightGbmRegressorModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var features = LightGbmFeatures.FromTraining(data, LightGbmFit.Learner);
        var split = LightGbmFit.Split(data, context, Options, stratify: false);
        var labels = Array.ConvertAll(split.Fit.NumericTarget(), value => (float)value);
        var validationLabels = split.Validation is null ? null : Array.ConvertAll(split.Validation.NumericTarget(), value => (float)value);
        var result = LightGbmFit.Train(features, split, labels, split.Fit.SampleWeights(), validationLabels, Options, "regression", "l2", classCount: 0, context);
        return new LightGbmRegressorModel(Options, result.Features, LightGbmBooster.FromText(result.ModelText, features.Count, 1));
    }
}
