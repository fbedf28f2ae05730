namespace Kiln.Core.Profiling;

/// <summary>A quantile: the value below which a share <see cref="Probability"/> of the values lie.</summary>
/// <param name="Probability">The probability, in [0, 1].</param>
/// <param name="Value">The interpolated value.</param>
public sealed record QuantileValue(double Probability, double Value);
