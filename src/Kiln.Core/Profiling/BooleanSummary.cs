namespace Kiln.Core.Profiling;

/// <summary>The counts of a boolean column.</summary>
/// <param name="TrueCount">The number of true values.</param>
/// <param name="FalseCount">The number of false values.</param>
public sealed record BooleanSummary(int TrueCount, int FalseCount);
