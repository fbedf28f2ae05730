namespace Kiln.Reporting;

/// <summary>One named line of a line chart (a learning or validation curve): one value per x step, NaN where there is none.</summary>
/// <param name="Name">The legend text.</param>
/// <param name="Values">One value per step of the chart's x axis.</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> Values);
