using Kiln.Core.Learners;

namespace Kiln.LightGbm;

/// <summary>
/// Hyperparameters of LightGBM's gradient boosting, under LightGBM's own names (scikit-learn API aliases where Kiln's
/// other learners use them: <c>n_estimators</c> is LightGBM's <c>num_iterations</c>, <c>min_child_samples</c> its
/// <c>min_data_in_leaf</c>).
/// </summary>
public sealed record LightGbmOptions
{
    /// <summary>The number of boosting rounds (LightGBM's <c>num_iterations</c>); with early stopping, the most.</summary>
    [Hyperparameter("n_estimators", Min = 1, Max = 100_000, Log = true, Description = "Boosting rounds (num_iterations).")]
    public int NEstimators { get; init; } = 100;

    /// <summary>The most leaves in one tree.</summary>
    [Hyperparameter("num_leaves", Min = 2, Max = 131_072, Log = true, Description = "The most leaves in one tree.")]
    public int NumLeaves { get; init; } = 31;

    /// <summary>The deepest a tree may grow; -1 for no limit.</summary>
    [Hyperparameter("max_depth", Min = -1, Max = 1_000, Description = "The deepest a tree may grow; -1 for no limit.")]
    public int MaxDepth { get; init; } = -1;

    /// <summary>The shrinkage applied to each tree.</summary>
    [Hyperparameter("learning_rate", Min = 1e-6, Max = 1, Log = true, Description = "The shrinkage applied to each tree.")]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The fewest training rows in a leaf (LightGBM's <c>min_data_in_leaf</c>).</summary>
    [Hyperparameter("min_child_samples", Min = 1, Max = 1_000_000, Log = true, Description = "The fewest rows in a leaf (min_data_in_leaf).")]
    public int MinChildSamples { get; init; } = 20;

    /// <summary>The share of features each tree sees.</summary>
    [Hyperparameter("feature_fraction", Min = 0, Max = 1, Description = "The share of features each tree sees (0 excluded).")]
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>The share of rows drawn for each bagging round; takes effect when <see cref="BaggingFreq"/> is positive.</summary>
    [Hyperparameter("bagging_fraction", Min = 0, Max = 1, Description = "The share of rows drawn every bagging_freq rounds (0 excluded).")]
    public double BaggingFraction { get; init; } = 1.0;

    /// <summary>Draw a new bagging sample every this many rounds; 0 turns bagging off.</summary>
    [Hyperparameter("bagging_freq", Min = 0, Max = 100_000, Description = "Draw a new row sample every this many rounds; 0 turns bagging off.")]
    public int BaggingFreq { get; init; }

    /// <summary>The L1 penalty on leaf values.</summary>
    [Hyperparameter("lambda_l1", Min = 0, Max = 1e6, Description = "The L1 penalty on leaf values.")]
    public double LambdaL1 { get; init; }

    /// <summary>The L2 penalty on leaf values.</summary>
    [Hyperparameter("lambda_l2", Min = 0, Max = 1e6, Description = "The L2 penalty on leaf values.")]
    public double LambdaL2 { get; init; }

    /// <summary>Stop when the validation metric has not improved for this many rounds; 0 turns early stopping off. Needs a validation set in the fit context.</summary>
    [Hyperparameter("early_stopping_rounds", Min = 0, Max = 100_000, Description = "Stop after this many rounds without a better validation metric; 0 turns it off.")]
    public int EarlyStoppingRounds { get; init; }

    /// <summary>
    /// The share of training rows held out for early stopping when <see cref="EarlyStoppingRounds"/> is positive and the fit
    /// context has no validation set (scikit-learn's <c>validation_fraction</c>; stratified by class for classification);
    /// unused without early stopping.
    /// </summary>
    [Hyperparameter("validation_fraction", Min = 0, Max = 1, Description = "The share of rows held out for early stopping when no validation set is given (0 and 1 excluded).")]
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// Class weights (classification only), as LightGBM's scikit-learn wrapper applies them, as sample weights by class
    /// multiplied into any sample weights: <c>none</c>; <c>balanced</c>, weight <c>rows / (classes × rows of the class)</c>
    /// over the rows fitted on; or explicit <c>class:weight</c> pairs separated by commas (<c>"yes:2,no:1"</c>), classes not
    /// named weighing 1.
    /// </summary>
    [Hyperparameter("class_weight", Description = "none, balanced, or class:weight pairs separated by commas (\"yes:2,no:1\").")]
    public string ClassWeight { get; init; } = LightGbmClassWeights.None;

    /// <summary>The seed LightGBM's own seeds (bagging, feature fraction) are derived from.</summary>
    public ulong Seed { get; init; }
}
