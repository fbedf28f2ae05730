namespace Kiln.Core.Learners.Trees;

/// <summary>Hyperparameters of <see cref="DecisionTreeRegressor"/>, named and defaulted as scikit-learn's <c>DecisionTreeRegressor</c>.</summary>
public sealed record DecisionTreeRegressorOptions
{
    /// <summary>Weighted variance of the target (mean squared error of the node mean).</summary>
    public const string SquaredError = "squared_error";

    /// <summary>The impurity a split decreases: <c>squared_error</c>.</summary>
    /// <value>Default <c>squared_error</c>.</value>
    [Hyperparameter("criterion", Choices = [SquaredError], Description = "The impurity a split decreases.")]
    public string Criterion { get; init; } = SquaredError;

    /// <summary>The greatest depth of a leaf (the root has depth 0), or <see langword="null"/> for no limit.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("max_depth", Min = 1, Max = 32, Description = "The greatest depth of a leaf; none for no limit.")]
    public int? MaxDepth { get; init; }

    /// <summary>A node with fewer training rows is not split; at least 2.</summary>
    /// <value>Default 2.</value>
    [Hyperparameter("min_samples_split", Min = 2, Max = 100, Log = true, Description = "A node with fewer rows is not split.")]
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Each leaf keeps at least this many training rows; at least 1.</summary>
    /// <value>Default 1.</value>
    [Hyperparameter("min_samples_leaf", Min = 1, Max = 100, Log = true, Description = "Each leaf keeps at least this many rows.")]
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Each leaf keeps at least this fraction of the total sample weight, in [0, 0.5].</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("min_weight_fraction_leaf", Min = 0, Max = 0.5, Description = "Each leaf keeps at least this fraction of the total weight.")]
    public double MinWeightFractionLeaf { get; init; }

    /// <summary>The features drawn at each split: <see langword="null"/> for all, <c>sqrt</c>, <c>log2</c>, a count such as <c>"5"</c>, or a fraction such as <c>"0.5"</c> (a number with a decimal point).</summary>
    /// <value>Default <see langword="null"/>: every feature.</value>
    /// <remarks>
    /// As in scikit-learn, features are drawn one at a time in a seeded random order, and a feature found constant in a
    /// node does not count: drawing goes on past max_features until one non-constant feature has been tried or none is
    /// left. A non-constant feature counts even when min_samples_leaf leaves it no allowed split, so a node can end as a
    /// leaf although an undrawn feature could have split it. Features found constant in a node are not drawn again below it.
    /// </remarks>
    [Hyperparameter("max_features", Description = "Features drawn per split: sqrt, log2, a count, or a fraction like 0.5; none for all.")]
    public string? MaxFeatures { get; init; }

    /// <summary>Grow best-first up to this many leaves (at least 2), or <see langword="null"/> for depth-first growth without a leaf limit.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("max_leaf_nodes", Min = 2, Max = 1000, Log = true, Description = "Grow best-first up to this many leaves; none for no limit.")]
    public int? MaxLeafNodes { get; init; }

    /// <summary>A split must decrease the weighted impurity by at least this much (as scikit-learn weighs it: the node's share of the total weight times its impurity decrease).</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("min_impurity_decrease", Min = 0, Description = "A split must decrease the weighted impurity by at least this much.")]
    public double MinImpurityDecrease { get; init; }

    /// <summary>The seed of the feature draws (the order in which features are tried decides ties, and with max_features, which are tried).</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }
}
