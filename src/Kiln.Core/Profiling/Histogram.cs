namespace Kiln.Core.Profiling;

/// <summary>Bin edges and the number of values in each bin, with numpy's semantics: bin i holds edge[i] ≤ x &lt; edge[i + 1], and the last bin also holds its right edge.</summary>
/// <remarks>
/// For the equal-width histogram of a column the number of bins is numpy's <c>'auto'</c> choice (the larger of the Sturges and
/// Freedman–Diaconis bin counts, i.e. the smaller bin width) clamped to [<see cref="ProfileOptions.MinHistogramBins"/>,
/// <see cref="ProfileOptions.MaxHistogramBins"/>], and then to at most the number of distinct values, so a 0/1 column gets two bins.
/// A constant column gets one bin from value − 0.5 to value + 0.5, as numpy does.
/// </remarks>
public sealed record Histogram
{
    /// <summary>The bin edges, ascending; one more than the bins.</summary>
    public required IReadOnlyList<double> BinEdges { get; init; }

    /// <summary>The number of values in each bin.</summary>
    public required IReadOnlyList<int> Counts { get; init; }
}
