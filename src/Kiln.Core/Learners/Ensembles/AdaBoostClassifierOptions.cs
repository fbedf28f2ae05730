namespace Kiln.Core.Learners.Ensembles;

/// <summary>Hyperparameters of <see cref="AdaBoostClassifier"/>, named and defaulted as scikit-learn 1.2's <c>AdaBoostClassifier</c> with its default base learner, a CART tree of depth 1.</summary>
public sealed record AdaBoostClassifierOptions
{
    /// <summary>Discrete multi-class AdaBoost (Zhu et al., 2009): each tree votes for its class with weight log((1 − err) / err) + log(K − 1).</summary>
    public const string Samme = "SAMME";

    /// <summary>Real multi-class AdaBoost (Zhu et al., 2009): each tree adds (K − 1)(log p − mean log p) of its class probabilities.</summary>
    public const string SammeR = "SAMME.R";

    /// <summary>The most trees; boosting stops earlier on a perfect fit or (SAMME) a tree no better than chance.</summary>
    /// <value>Default 50.</value>
    [Hyperparameter("n_estimators", Min = 1, Max = 1000, Log = true, Description = "The most boosting rounds (trees).")]
    public int NEstimators { get; init; } = 50;

    /// <summary>Shrinks each tree's contribution (its vote weight, or SAMME.R's row-weight update); positive.</summary>
    /// <value>Default 1.0.</value>
    [Hyperparameter("learning_rate", Min = 1e-3, Max = 10, Log = true, Description = "Shrinks each tree's contribution.")]
    public double LearningRate { get; init; } = 1.0;

    /// <summary>The boosting algorithm: <c>SAMME.R</c> (real, from class probabilities) or <c>SAMME</c> (discrete, from predicted classes).</summary>
    /// <value>Default <c>SAMME.R</c> (scikit-learn 1.2's default).</value>
    [Hyperparameter("algorithm", Choices = [SammeR, Samme], Description = "SAMME.R boosts on class probabilities, SAMME on predicted classes.")]
    public string Algorithm { get; init; } = SammeR;

    /// <summary>The depth of each base tree (1 for stumps).</summary>
    /// <value>Default 1.</value>
    [Hyperparameter("max_depth", Min = 1, Max = 32, Description = "The depth of each base tree; 1 for stumps.")]
    public int MaxDepth { get; init; } = 1;

    /// <summary>The seed of the base trees' feature order (which decides between equally good splits); tree i uses <c>Seeds.Derive(Seed, i)</c>.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }
}
