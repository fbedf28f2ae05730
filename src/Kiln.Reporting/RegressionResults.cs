namespace Kiln.Reporting;

/// <summary>What the test rows of a regression show beyond the metrics: actual against predicted values.</summary>
/// <param name="Predictions">The test rows' actual and predicted values, sampled down when there are many.</param>
public sealed record RegressionResults(PredictionSample Predictions);
