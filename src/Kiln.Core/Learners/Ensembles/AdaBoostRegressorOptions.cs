namespace Kiln.Core.Learners.Ensembles;

/// <summary>Hyperparameters of <see cref="AdaBoostRegressor"/>, named and defaulted as scikit-learn 1.2's <c>AdaBoostRegressor</c> with its default base learner, a CART tree of depth 3.</summary>
public sealed record AdaBoostRegressorOptions
{
    /// <summary>A row's loss is its absolute error over the round's largest.</summary>
    public const string Linear = "linear";

    /// <summary>The square of the linear loss.</summary>
    public const string Square = "square";

    /// <summary>1 − exp(−linear loss).</summary>
    public const string Exponential = "exponential";

    /// <summary>The most trees; boosting stops earlier on a perfect fit or a tree whose average loss reaches 0.5.</summary>
    /// <value>Default 50.</value>
    [Hyperparameter("n_estimators", Min = 1, Max = 1000, Log = true, Description = "The most boosting rounds (trees).")]
    public int NEstimators { get; init; } = 50;

    /// <summary>Shrinks each tree's weight and its row-weight update; positive.</summary>
    /// <value>Default 1.0.</value>
    [Hyperparameter("learning_rate", Min = 1e-3, Max = 10, Log = true, Description = "Shrinks each tree's contribution.")]
    public double LearningRate { get; init; } = 1.0;

    /// <summary>The loss that turns a row's error into its weight update: <c>linear</c>, <c>square</c> or <c>exponential</c>.</summary>
    /// <value>Default <c>linear</c>.</value>
    [Hyperparameter("loss", Choices = [Linear, Square, Exponential], Description = "How a row's error turns into its weight update.")]
    public string Loss { get; init; } = Linear;

    /// <summary>The depth of each base tree.</summary>
    /// <value>Default 3.</value>
    [Hyperparameter("max_depth", Min = 1, Max = 32, Description = "The depth of each base tree.")]
    public int MaxDepth { get; init; } = 3;

    /// <summary>The seed of each round's weighted bootstrap draw and of its tree; round i uses <c>Seeds.Derive(Seed, i)</c>.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }
}
