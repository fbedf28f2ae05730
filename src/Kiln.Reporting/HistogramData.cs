namespace Kiln.Reporting;

/// <summary>A histogram: bin edges in increasing order and the number of values in each bin (one fewer counts than edges).</summary>
/// <param name="BinEdges">The bin edges.</param>
/// <param name="Counts">The number of values in each bin.</param>
public sealed record HistogramData(double[] BinEdges, long[] Counts);
