namespace Kiln.Reporting;

/// <summary>The selected model, refitted on the training and validation rows before the test.</summary>
public sealed record ChosenModel
{
    /// <summary>The learner's kiln.yaml name.</summary>
    public required string Name { get; init; }

    /// <summary>The options it was fitted with, by their kiln.yaml names.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>What the model is, for people, e.g. "multinomial logistic regression, L2, L-BFGS"; null for none.</summary>
    public string? Description { get; init; }

    /// <summary>The number of rows the final fit used; null when unknown.</summary>
    public long? TrainingRowCount { get; init; }

    /// <summary>Notes from fitting (did not converge, a constant column was dropped).</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];

    /// <summary>The training curves the learner recorded during this fit, or null when it recorded none.</summary>
    public TrainingHistory? Training { get; init; }

    /// <summary>Feature importances, if the run computed them.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportances { get; init; } = [];
}
