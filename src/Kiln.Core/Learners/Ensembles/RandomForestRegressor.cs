using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A random forest of CART regression trees (Breiman, 2001), grown as scikit-learn's <c>RandomForestRegressor</c> grows it.</summary>
/// <remarks>
/// Each tree grows on a bootstrap sample (rows drawn with replacement; a row drawn k times weighs k times its sample
/// weight) with <c>max_features</c> features drawn at each split, and the forest predicts the mean of the trees'
/// predictions. Tree i draws its sample and features from <c>Seeds.Derive(Seed, i)</c>, and the trees grow in parallel
/// on features ranked once for all of them, so the forest is the same for any <see cref="FitContext.MaxDegreeOfParallelism"/>.
/// Features must be numeric and finite when fitting; a missing value when predicting follows the heavier child in each tree.
/// With a <see cref="FitContext.Metrics"/> sink, records a training curve by number of trees k (see <see cref="TrainingCurve"/>): the
/// out-of-bag R² of trees 1..k as <c>oob_score</c> when <c>oob_score</c> is on, and the R² of trees 1..k on
/// <see cref="FitContext.Validation"/> as <c>validation_r2</c> when one is given; computed after the trees are grown, in tree order.
/// </remarks>
public sealed class RandomForestRegressor : IEstimator<RandomForestRegressorModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public RandomForestRegressor(RandomForestRegressorOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 100 trees on bootstrap samples, every feature at each split.</summary>
    public RandomForestRegressor()
        : this(new RandomForestRegressorOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public RandomForestRegressorOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public RandomForestRegressorModel Fit(TrainingSet data, FitContext context)
    {
        var (inputSchema, trees, oobScore) = ForestFit.Regression(data, context, Settings(Options), "A random forest");
        return new RandomForestRegressorModel(Options, inputSchema, trees, oobScore);
    }

    internal static void Validate(RandomForestRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ForestFit.ValidateRegressor(Settings(options));
    }

    private static ForestSettings Settings(RandomForestRegressorOptions options) => new(
        options.NEstimators,
        options.Criterion,
        new TreeLimits(options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease),
        options.Bootstrap,
        options.MaxSamples,
        ClassWeight: null,
        options.OobScore,
        options.Seed,
        RandomThresholds: false);
}
