namespace Kiln.Tracking;

/// <summary>One value of a metric at one step of its history (a CV fold, an epoch, a tuning trial; 0 for a single value).</summary>
/// <param name="Key">The metric's name, such as <c>accuracy</c> or <c>fold/log_loss</c>.</param>
/// <param name="Step">The step, 0 or more; a metric has at most one value per step.</param>
/// <param name="Value">The value; NaN is kept as NaN.</param>
public sealed record MetricPoint(string Key, long Step, double Value);
