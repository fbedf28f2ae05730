using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>Extremely randomised trees (Geurts, Ernst and Wehenkel, 2006) for regression, grown as scikit-learn's <c>ExtraTreesRegressor</c> grows them.</summary>
/// <remarks>
/// As a random forest, except that each drawn feature is split at one threshold drawn uniformly between its smallest and
/// largest value in the node (the best of those thresholds wins), and by default every tree grows on all rows (no
/// bootstrap). Tree i draws from <c>Seeds.Derive(Seed, i)</c> and the trees grow in parallel, so the model is the same for
/// any <see cref="FitContext.MaxDegreeOfParallelism"/>. Features must be numeric and finite when fitting; a missing value
/// when predicting follows the heavier child in each tree.
/// With a <see cref="FitContext.Metrics"/> sink, records a training curve by number of trees k (see <see cref="TrainingCurve"/>): the
/// out-of-bag R² of trees 1..k as <c>oob_score</c> when <c>oob_score</c> is on, and the R² of trees 1..k on
/// <see cref="FitContext.Validation"/> as <c>validation_r2</c> when one is given; computed after the trees are grown, in tree order.
/// </remarks>
public sealed class ExtraTreesRegressor : IEstimator<ExtraTreesRegressorModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public ExtraTreesRegressor(ExtraTreesRegressorOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 100 trees on all rows, every feature drawn at each split.</summary>
    public ExtraTreesRegressor()
        : this(new ExtraTreesRegressorOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public ExtraTreesRegressorOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public ExtraTreesRegressorModel Fit(TrainingSet data, FitContext context)
    {
        var (inputSchema, trees, oobScore) = ForestFit.Regression(data, context, Settings(Options), "Extra trees");
        return new ExtraTreesRegressorModel(Options, inputSchema, trees, oobScore);
    }

    internal static void Validate(ExtraTreesRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ForestFit.ValidateRegressor(Settings(options));
    }

    private static ForestSettings Settings(ExtraTreesRegressorOptions options) => new(
        options.NEstimators,
        options.Criterion,
        new TreeLimits(options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease),
        options.Bootstrap,
        options.MaxSamples,
        ClassWeight: null,
        options.OobScore,
        options.Seed,
        RandomThresholds: true);
}
