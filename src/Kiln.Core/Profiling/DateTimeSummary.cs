namespace Kiln.Core.Profiling;

/// <summary>The range of a date-time column (UTC).</summary>
/// <param name="Min">The earliest instant.</param>
/// <param name="Max">The latest instant.</param>
public sealed record DateTimeSummary(DateTime Min, DateTime Max);
