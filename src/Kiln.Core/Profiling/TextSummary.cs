namespace Kiln.Core.Profiling;

/// <summary>The lengths of a text column's non-missing values, in UTF-16 code units (<see cref="string.Length"/>).</summary>
/// <param name="MeanLength">The mean length.</param>
/// <param name="MinLength">The shortest length.</param>
/// <param name="MaxLength">The longest length.</param>
public sealed record TextSummary(double MeanLength, int MinLength, int MaxLength);
