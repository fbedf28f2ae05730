namespace Kiln.Reporting;

/// <summary>How the candidates were compared, and their cross-validated scores: the report's score table.</summary>
public sealed record ModelSelectionSummary
{
    /// <summary>The metric the selection used.</summary>
    public required string SelectionMetric { get; init; }

    /// <summary>True when a larger value of the selection metric is better (accuracy), false when smaller is (rmse).</summary>
    public required bool HigherIsBetter { get; init; }

    /// <summary>Every metric of the task, in the order of the table's columns.</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>How the scores were estimated, for people: "stratified 5-fold cross-validation, 1 repeat".</summary>
    public required string ValidationMethod { get; init; }

    /// <summary>The baseline and the candidates, in the order to show them.</summary>
    public required IReadOnlyList<CandidateResult> Candidates { get; init; }
}
