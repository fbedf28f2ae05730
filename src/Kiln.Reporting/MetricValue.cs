namespace Kiln.Reporting;

/// <summary>A metric's value.</summary>
/// <param name="Name">The metric's name, e.g. accuracy.</param>
/// <param name="Value">Its value; NaN when it is undefined on the data.</param>
public sealed record MetricValue(string Name, double Value);
