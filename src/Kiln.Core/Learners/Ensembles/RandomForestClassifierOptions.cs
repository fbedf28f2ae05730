namespace Kiln.Core.Learners.Ensembles;

/// <summary>Hyperparameters of <see cref="RandomForestClassifier"/>, named and defaulted as scikit-learn 1.2's <c>RandomForestClassifier</c>.</summary>
public sealed record RandomForestClassifierOptions
{
    /// <summary>Gini impurity, 1 − Σ p².</summary>
    public const string Gini = "gini";

    /// <summary>Shannon entropy in bits, −Σ p log₂ p.</summary>
    public const string Entropy = "entropy";

    /// <summary>The same as <see cref="Entropy"/> (scikit-learn's newer name for it).</summary>
    public const string LogLoss = "log_loss";

    /// <summary>Weight each class by n / (k · n_class) over the whole training set, so every class carries the same total weight.</summary>
    public const string Balanced = "balanced";

    /// <summary>Weight each class by n / (k · n_class) over each tree's bootstrap sample (draws counted with repetition).</summary>
    public const string BalancedSubsample = "balanced_subsample";

    /// <summary>The number of trees.</summary>
    /// <value>Default 100.</value>
    [Hyperparameter("n_estimators", Min = 1, Max = 1000, Log = true, Description = "The number of trees.")]
    public int NEstimators { get; init; } = 100;

    /// <summary>The impurity a split decreases: <c>gini</c>, <c>entropy</c> or <c>log_loss</c> (the same as <c>entropy</c>).</summary>
    /// <value>Default <c>gini</c>.</value>
    [Hyperparameter("criterion", Choices = [Gini, Entropy, LogLoss], Description = "The impurity a split decreases.")]
    public string Criterion { get; init; } = Gini;

    /// <summary>The greatest depth of a leaf (the root has depth 0), or <see langword="null"/> for no limit.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("max_depth", Min = 1, Max = 32, Description = "The greatest depth of a leaf; none for no limit.")]
    public int? MaxDepth { get; init; }

    /// <summary>A node with fewer training rows is not split; at least 2.</summary>
    /// <value>Default 2.</value>
    [Hyperparameter("min_samples_split", Min = 2, Max = 100, Log = true, Description = "A node with fewer rows is not split.")]
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Each leaf keeps at least this many distinct training rows; at least 1.</summary>
    /// <value>Default 1.</value>
    [Hyperparameter("min_samples_leaf", Min = 1, Max = 100, Log = true, Description = "Each leaf keeps at least this many rows.")]
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Each leaf keeps at least this fraction of the tree's total sample weight, in [0, 0.5].</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("min_weight_fraction_leaf", Min = 0, Max = 0.5, Description = "Each leaf keeps at least this fraction of the total weight.")]
    public double MinWeightFractionLeaf { get; init; }

    /// <summary>The features drawn at each split: <see langword="null"/> for all, <c>sqrt</c>, <c>log2</c>, a count such as <c>"5"</c>, or a fraction such as <c>"0.5"</c>.</summary>
    /// <value>Default <c>sqrt</c> (scikit-learn 1.2's default for classification).</value>
    [Hyperparameter("max_features", Description = "Features drawn per split: sqrt, log2, a count, or a fraction like 0.5; none for all.")]
    public string? MaxFeatures { get; init; } = "sqrt";

    /// <summary>Grow each tree best-first up to this many leaves (at least 2), or <see langword="null"/> for no limit.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("max_leaf_nodes", Min = 2, Max = 1000, Log = true, Description = "Grow best-first up to this many leaves; none for no limit.")]
    public int? MaxLeafNodes { get; init; }

    /// <summary>A split must decrease the weighted impurity by at least this much.</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("min_impurity_decrease", Min = 0, Max = 0.1, Description = "A split must decrease the weighted impurity by at least this much.")]
    public double MinImpurityDecrease { get; init; }

    /// <summary>Whether each tree grows on a bootstrap sample (rows drawn with replacement) rather than on every row.</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("bootstrap", Description = "Grow each tree on rows drawn with replacement.")]
    public bool Bootstrap { get; init; } = true;

    /// <summary>The number of rows each bootstrap sample draws, as a fraction in (0, 1] of the training rows, or <see langword="null"/> for as many as there are rows.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("max_samples", Min = 0.01, Max = 1, Description = "Rows drawn per tree as a fraction of the training rows; none for all.")]
    public double? MaxSamples { get; init; }

    /// <summary>Class weights multiplied into the sample weights: <see langword="null"/> for none, <c>balanced</c>, or <c>balanced_subsample</c>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("class_weight", Choices = [Balanced, BalancedSubsample], Description = "Weigh classes inversely to their frequency in the training set (balanced) or in each bootstrap sample (balanced_subsample); none for equal weights.")]
    public string? ClassWeight { get; init; }

    /// <summary>Whether to compute the out-of-bag accuracy (each row predicted by the trees that did not draw it); needs <see cref="Bootstrap"/>.</summary>
    /// <value>Default <see langword="false"/>.</value>
    [Hyperparameter("oob_score", Description = "Compute the out-of-bag accuracy.")]
    public bool OobScore { get; init; }

    /// <summary>The seed of the bootstrap samples and feature draws; tree i uses <c>Seeds.Derive(Seed, i)</c>.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }
}
