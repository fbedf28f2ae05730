namespace Kiln.Reporting;

/// <summary>A metric's mean and standard deviation over cross-validation folds.</summary>
/// <param name="Mean">The mean over folds.</param>
/// <param name="StandardDeviation">The standard deviation over folds; NaN when there was one fold.</param>
public sealed record ScoreSummary(double Mean, double StandardDeviation);
