namespace Kiln.Core.Learners.Ensembles;

/// <summary>Hyperparameters of <see cref="BaggingClassifier"/> and <see cref="BaggingRegressor"/>, named and defaulted as scikit-learn 1.2's <c>BaggingClassifier</c> and <c>BaggingRegressor</c>.</summary>
/// <remarks>
/// The base learner is named by its kiln.yaml name in <see cref="Estimator"/>, and its own hyperparameters go in
/// <see cref="EstimatorOptions"/>; in kiln.yaml they are written with scikit-learn's <c>set_params</c> prefix,
/// <c>estimator__max_depth: 3</c>, and <see cref="FromLearnerOptions"/> splits them off.
/// </remarks>
public sealed record BaggingOptions
{
    /// <summary>The kiln.yaml prefix of the base learner's hyperparameters (scikit-learn's <c>set_params</c> convention).</summary>
    public const string EstimatorPrefix = "estimator__";

    /// <summary>The kiln.yaml name of the base learner (any learner in <see cref="LearnerCatalog"/> with a variant for the task).</summary>
    /// <value>Default <c>decision_tree</c>.</value>
    [Hyperparameter("estimator", Description = "The kiln.yaml name of the base learner; its options are written estimator__<name>.")]
    public string Estimator { get; init; } = "decision_tree";

    /// <summary>The base learner's own hyperparameters, by their kiln.yaml names (without the <c>estimator__</c> prefix).</summary>
    /// <value>Default none: the base learner's defaults.</value>
    public IReadOnlyDictionary<string, HyperparameterValue> EstimatorOptions { get; init; } = new Dictionary<string, HyperparameterValue>(StringComparer.Ordinal);

    /// <summary>The number of base models.</summary>
    /// <value>Default 10.</value>
    [Hyperparameter("n_estimators", Min = 1, Max = 1000, Log = true, Description = "The number of base models.")]
    public int NEstimators { get; init; } = 10;

    /// <summary>The rows each base model draws: a fraction of the training rows when at most 1, else a whole number of rows.</summary>
    /// <value>Default 1.0 (as many rows as there are).</value>
    /// <remarks>scikit-learn reads an integer as a count and a float as a fraction; here 1 means every row (scikit-learn's <c>1.0</c>), and a count is a whole number above 1.</remarks>
    [Hyperparameter("max_samples", Min = 0, Description = "Rows drawn per base model: a fraction of the rows when at most 1, else a count.")]
    public double MaxSamples { get; init; } = 1.0;

    /// <summary>The features each base model sees: a fraction of the features when at most 1, else a whole number of features.</summary>
    /// <value>Default 1.0 (every feature).</value>
    [Hyperparameter("max_features", Min = 0, Description = "Features drawn per base model: a fraction of the features when at most 1, else a count.")]
    public double MaxFeatures { get; init; } = 1.0;

    /// <summary>Whether rows are drawn with replacement (a bootstrap sample) rather than without.</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("bootstrap", Description = "Draw each base model's rows with replacement.")]
    public bool Bootstrap { get; init; } = true;

    /// <summary>Whether features are drawn with replacement; a feature drawn twice is given to the base model once.</summary>
    /// <value>Default <see langword="false"/>.</value>
    [Hyperparameter("bootstrap_features", Description = "Draw each base model's features with replacement.")]
    public bool BootstrapFeatures { get; init; }

    /// <summary>Whether to compute the out-of-bag score (accuracy, or R² for regression) of each row predicted by the base models that did not draw it; needs <see cref="Bootstrap"/>.</summary>
    /// <value>Default <see langword="false"/>.</value>
    [Hyperparameter("oob_score", Description = "Compute the out-of-bag accuracy (classification) or R² (regression).")]
    public bool OobScore { get; init; }

    /// <summary>The seed of the draws; base model i draws its rows, features and its own seed from <c>Seeds.Derive(Seed, i)</c>.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }

    /// <summary>Builds the options from kiln.yaml values: the <c>estimator__</c> values become <see cref="EstimatorOptions"/>, the rest bind to this record.</summary>
    /// <exception cref="HyperparameterException">A value without the prefix is unknown or invalid.</exception>
    public static BaggingOptions FromLearnerOptions(LearnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Without(EstimatorPrefix).Bind<BaggingOptions>() with { EstimatorOptions = options.Nested(EstimatorPrefix).Values };
    }
}
