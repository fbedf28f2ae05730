namespace Kiln.Core.Learners.Boosting;

/// <summary>Hyperparameters of <see cref="GradientBoostingClassifier"/>, named and defaulted as scikit-learn 1.2's <c>GradientBoostingClassifier</c>.</summary>
public sealed record GradientBoostingClassifierOptions : IGradientBoostingOptions
{
    /// <summary>The log loss (binomial deviance for two classes, multinomial for more): one tree per stage for two classes, one per class otherwise.</summary>
    public const string LogLoss = "log_loss";

    /// <summary>The loss the stages minimise: <c>log_loss</c>.</summary>
    /// <value>Default <c>log_loss</c>.</value>
    [Hyperparameter("loss", Choices = [LogLoss], Description = "The loss the stages minimise.")]
    public string Loss { get; init; } = LogLoss;

    /// <summary>The shrinkage of each tree's contribution; at least 0.</summary>
    /// <value>Default 0.1.</value>
    [Hyperparameter("learning_rate", Min = 1e-4, Max = 1, Log = true, Description = "The shrinkage of each tree's contribution.")]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The number of boosting stages (one tree each); at least 1.</summary>
    /// <value>Default 100.</value>
    [Hyperparameter("n_estimators", Min = 1, Max = 5000, Log = true, Description = "The number of boosting stages.")]
    public int NEstimators { get; init; } = 100;

    /// <summary>The fraction of the rows each stage fits on, drawn without replacement, in (0, 1]; below 1 is stochastic gradient boosting.</summary>
    /// <value>Default 1.</value>
    [Hyperparameter("subsample", Min = 0.05, Max = 1, Description = "The fraction of rows each stage fits on.")]
    public double Subsample { get; init; } = 1.0;

    /// <summary>The split criterion of the trees: <c>friedman_mse</c> (Friedman's improvement score) or <c>squared_error</c>.</summary>
    /// <value>Default <c>friedman_mse</c>.</value>
    [Hyperparameter("criterion", Choices = [GradientBoostingFit.FriedmanMse, GradientBoostingFit.SquaredError], Description = "The split criterion of the trees.")]
    public string Criterion { get; init; } = GradientBoostingFit.FriedmanMse;

    /// <summary>A node with fewer training rows is not split; at least 2.</summary>
    /// <value>Default 2.</value>
    [Hyperparameter("min_samples_split", Min = 2, Max = 100, Log = true, Description = "A node with fewer rows is not split.")]
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Each leaf keeps at least this many training rows; at least 1.</summary>
    /// <value>Default 1.</value>
    [Hyperparameter("min_samples_leaf", Min = 1, Max = 100, Log = true, Description = "Each leaf keeps at least this many rows.")]
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Each leaf keeps at least this fraction of the stage's total sample weight, in [0, 0.5].</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("min_weight_fraction_leaf", Min = 0, Max = 0.5, Description = "Each leaf keeps at least this fraction of the total weight.")]
    public double MinWeightFractionLeaf { get; init; }

    /// <summary>The greatest depth of a leaf (the root has depth 0), or <see langword="null"/> for no limit.</summary>
    /// <value>Default 3.</value>
    [Hyperparameter("max_depth", Min = 1, Max = 32, Description = "The greatest depth of a leaf; none for no limit.")]
    public int? MaxDepth { get; init; } = 3;

    /// <summary>A split must decrease the impurity by at least this much (on the criterion's scale: see the remarks on <see cref="GradientBoostingClassifier"/>).</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("min_impurity_decrease", Min = 0, Description = "A split must decrease the impurity by at least this much (friedman_mse: the weighted decrease, not a fraction).")]
    public double MinImpurityDecrease { get; init; }

    /// <summary>The features drawn at each split: <see langword="null"/> for all, <c>sqrt</c>, <c>log2</c>, a count such as <c>"5"</c>, or a fraction such as <c>"0.5"</c>.</summary>
    /// <value>Default <see langword="null"/>: every feature.</value>
    [Hyperparameter("max_features", Description = "Features drawn per split: sqrt, log2, a count, or a fraction like 0.5; none for all.")]
    public string? MaxFeatures { get; init; }

    /// <summary>Grow each tree best-first up to this many leaves (at least 2), or <see langword="null"/> for no limit.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("max_leaf_nodes", Min = 2, Max = 1000, Log = true, Description = "Grow best-first up to this many leaves; none for no limit.")]
    public int? MaxLeafNodes { get; init; }

    /// <summary>The fraction of the training rows held out for early stopping when <see cref="NIterNoChange"/> is set and the fit context has no validation set, in (0, 1).</summary>
    /// <value>Default 0.1.</value>
    [Hyperparameter("validation_fraction", Min = 0.01, Max = 0.5, Description = "The share of rows held out for early stopping.")]
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stop when the validation loss has not improved by <see cref="Tol"/> for this many stages (at least 1), or <see langword="null"/> for no early stopping.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("n_iter_no_change", Min = 1, Max = 1000, Log = true, Description = "Stop after this many stages without a better validation loss; none to never stop early.")]
    public int? NIterNoChange { get; init; }

    /// <summary>The least decrease of the validation loss that counts as an improvement for early stopping; at least 0.</summary>
    /// <value>Default 1e-4.</value>
    [Hyperparameter("tol", Min = 0, Max = 0.1, Description = "The least validation-loss decrease that counts as an improvement.")]
    public double Tol { get; init; } = 1e-4;

    /// <summary>The seed of the early-stopping hold-out, the row subsamples and the trees' feature draws.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }
}
