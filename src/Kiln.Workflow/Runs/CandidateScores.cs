using Kiln.Core.Learners;

namespace Kiln.Workflow.Runs;

/// <summary>How one candidate (or the baseline) scored over the validation folds.</summary>
/// <param name="Label">The name unique among the candidates (<c>decision_tree</c>, or <c>decision_tree#2</c> when listed twice).</param>
/// <param name="Learner">The learner's kiln.yaml name.</param>
/// <param name="Options">Every hyperparameter and its value, in declaration order.</param>
/// <param name="Metrics">Every scalar metric of the task over the folds, in report order; empty when the candidate failed.</param>
/// <param name="Error">Why the candidate could not be fitted or scored, or <see langword="null"/>.</param>
public sealed record CandidateScores(
    string Label,
    string Learner,
    IReadOnlyList<KeyValuePair<string, HyperparameterValue>> Options,
    IReadOnlyList<CvMetric> Metrics,
    string? Error = null)
{
    /// <summary>The summary of the metric named <paramref name="name"/>, or <see langword="null"/> when the candidate has none.</summary>
    public CvMetric? Metric(string name) => Metrics.FirstOrDefault(metric => metric.Name == name);
}
