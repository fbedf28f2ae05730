namespace Kiln.Reporting;

/// <summary>One candidate's cross-validated score for the score comparison plot.</summary>
/// <param name="Name">The candidate's name.</param>
/// <param name="Mean">The mean score over folds.</param>
/// <param name="StandardDeviation">The standard deviation over folds; NaN when unknown (drawn without an error bar).</param>
/// <param name="IsBaseline">True for the baseline (drawn grey, with a reference line at its mean).</param>
/// <param name="IsSelected">True for the selected candidate (drawn in the accent colour).</param>
public sealed record ScoreEntry(string Name, double Mean, double StandardDeviation, bool IsBaseline = false, bool IsSelected = false);
