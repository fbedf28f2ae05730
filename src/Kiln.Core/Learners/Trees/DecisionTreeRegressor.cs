namespace Kiln.Core.Learners.Trees;

/// <summary>A CART regression tree (Breiman et al., 1984), grown as scikit-learn's <c>DecisionTreeRegressor</c> grows it.</summary>
/// <remarks>
/// Every split is exact: all boundaries between adjacent distinct values of the features drawn are scored by the decrease
/// in weighted variance, and the threshold is halfway between the two values. With <c>max_features</c> unset, the tree
/// equals scikit-learn's wherever no two features tie for the best split (ties go to the feature tried first, in a
/// seeded random order). Leaves predict the weighted mean target of their training rows. Features must be numeric and
/// finite when fitting; a missing value when predicting follows the heavier child (see <see cref="DecisionTree"/>).
/// </remarks>
public sealed class DecisionTreeRegressor : IEstimator<DecisionTreeRegressorModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public DecisionTreeRegressor(DecisionTreeRegressorOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn's defaults: squared error, grown until every leaf is pure or has one row.</summary>
    public DecisionTreeRegressor()
        : this(new DecisionTreeRegressorOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public DecisionTreeRegressorOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public DecisionTreeRegressorModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "A decision tree");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a regressor needs at least one row with a target.", nameof(data));
        var targets = data.NumericTarget();
        var weights = TreeInputs.Weights(data);
        var totalWeight = TreeInputs.Sum(weights);
        if (!(totalWeight > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {totalWeight}; at least one row needs a positive weight.", nameof(data));
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var settings = Limits(Options).Resolve(features.FeatureCount, totalWeight);
        var tree = TreeBuilder.Regression(
            features, targets, weights, TreeInputs.AllRows(data.RowCount), settings, new KilnRandom(Options.Seed), context.CancellationToken);
        return new DecisionTreeRegressorModel(Options, inputSchema, tree);
    }

    internal static void Validate(DecisionTreeRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Criterion is not DecisionTreeRegressorOptions.SquaredError)
            throw new ArgumentException($"Criterion '{options.Criterion}' is not one of squared_error.", nameof(options));
        Limits(options).Validate();
    }

    private static TreeLimits Limits(DecisionTreeRegressorOptions options) => new(
        options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease);
}
