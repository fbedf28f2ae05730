namespace Kiln.Reporting;

/// <summary>How much one feature matters to the model.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Importance">The importance (for example the drop in score when the feature is permuted).</param>
/// <param name="StandardDeviation">Its standard deviation over repeats; NaN when unknown.</param>
public sealed record FeatureImportance(string Feature, double Importance, double StandardDeviation = double.NaN);
