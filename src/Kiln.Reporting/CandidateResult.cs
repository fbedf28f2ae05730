namespace Kiln.Reporting;

/// <summary>One candidate (or the baseline) in the score table: its options and the mean and spread of each metric over folds.</summary>
public sealed record CandidateResult
{
    /// <summary>The learner's kiln.yaml name, e.g. decision_tree.</summary>
    public required string Name { get; init; }

    /// <summary>The options it was fitted with, by their kiln.yaml names, as kiln.yaml would spell the values.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The cross-validated score of each metric, by metric name.</summary>
    public IReadOnlyDictionary<string, ScoreSummary> Scores { get; init; } = new Dictionary<string, ScoreSummary>();

    /// <summary>True for the baseline every candidate must beat.</summary>
    public bool IsBaseline { get; init; }

    /// <summary>True for the candidate the selection chose.</summary>
    public bool IsSelected { get; init; }

    /// <summary>Why the candidate has no scores (it failed to fit), or null.</summary>
    public string? Failure { get; init; }
}
