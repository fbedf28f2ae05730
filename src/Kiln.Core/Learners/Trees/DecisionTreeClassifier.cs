namespace Kiln.Core.Learners.Trees;

/// <summary>A CART classification tree (Breiman et al., 1984), grown as scikit-learn's <c>DecisionTreeClassifier</c> grows it.</summary>
/// <remarks>
/// Every split is exact: all boundaries between adjacent distinct values of the features drawn are scored, and the
/// threshold is halfway between the two values. With <c>max_features</c> unset, the tree equals scikit-learn's wherever
/// no two features tie for the best split (ties go to the feature tried first, in a seeded random order, so a tie may
/// resolve differently than in scikit-learn). Leaves predict the weighted class frequencies of their training rows.
/// Each node's impurity is computed from its own rows, so a pure node is never split; with fractional sample weights
/// scikit-learn can split one into pure leaves when rounding leaves its impurity a few ulps above zero (the
/// predictions are the same).
/// Features must be numeric and finite when fitting; a missing value when predicting follows the heavier child
/// (see <see cref="DecisionTree"/>).
/// </remarks>
public sealed class DecisionTreeClassifier : IEstimator<DecisionTreeClassifierModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public DecisionTreeClassifier(DecisionTreeClassifierOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn's defaults: Gini impurity, grown until the leaves are pure.</summary>
    public DecisionTreeClassifier()
        : this(new DecisionTreeClassifierOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public DecisionTreeClassifierOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public DecisionTreeClassifierModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "A decision tree");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a classifier needs at least one labelled row.", nameof(data));
        var labels = data.ClassLabels();
        var codes = labels.Codes.ToArray();
        var weights = TreeInputs.Weights(data);
        if (Options.ClassWeight == DecisionTreeClassifierOptions.Balanced)
            ApplyBalancedClassWeights(codes, labels.ClassCount, weights);
        var totalWeight = TreeInputs.Sum(weights);
        if (!(totalWeight > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {totalWeight}; at least one row needs a positive weight.", nameof(data));
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var settings = Limits(Options).Resolve(features.FeatureCount, totalWeight);
        var entropy = Options.Criterion is DecisionTreeClassifierOptions.Entropy or DecisionTreeClassifierOptions.LogLoss;
        var tree = TreeBuilder.Classification(
            features, codes, labels.ClassCount, entropy, weights, TreeInputs.AllRows(data.RowCount), settings, new KilnRandom(Options.Seed), context.CancellationToken);
        return new DecisionTreeClassifierModel(Options, inputSchema, [.. labels.Classes], tree);
    }

    internal static void Validate(DecisionTreeClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Criterion is not (DecisionTreeClassifierOptions.Gini or DecisionTreeClassifierOptions.Entropy or DecisionTreeClassifierOptions.LogLoss))
            throw new ArgumentException($"Criterion '{options.Criterion}' is not one of gini, entropy, log_loss.", nameof(options));
        if (options.ClassWeight is not (null or DecisionTreeClassifierOptions.Balanced))
            throw new ArgumentException($"ClassWeight (class_weight) is '{options.ClassWeight}'; use null or 'balanced'.", nameof(options));
        Limits(options).Validate();
    }

    private static TreeLimits Limits(DecisionTreeClassifierOptions options) => new(
        options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease);

    // scikit-learn's compute_sample_weight("balanced"): class c weighs n / (k · n_c), from unweighted counts, times the sample weight.
    private static void ApplyBalancedClassWeights(ReadOnlySpan<int> codes, int classCount, Span<double> weights)
    {
        var counts = new int[classCount];
        foreach (var code in codes)
            counts[code]++;
        var classWeights = new double[classCount];
        for (var c = 0; c < classCount; c++)
            classWeights[c] = codes.Length / ((double)classCount * counts[c]);
        for (var i = 0; i < codes.Length; i++)
            weights[i] *= classWeights[codes[i]];
    }
}
