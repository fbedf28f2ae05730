namespace Kiln.Core.Profiling;

// Quantiles and histograms over sorted finite values with numpy's semantics (numpy 1.24 documentation of
// numpy.quantile method='linear', numpy.histogram and numpy.histogram_bin_edges), so profiles agree with pandas and numpy.
internal static class NumpyStatistics
{
    // numpy's default 'linear' method: the order statistic at virtual index (n − 1)·p, interpolated with numpy's lerp,
    // which computes b − (b − a)(1 − t) for t ≥ 0.5 so that the result is exact at both ends.
    public static double Quantile(ReadOnlySpan<double> sorted, double probability)
    {
        var count = sorted.Length;
        var position = (count - 1) * probability;
        if (position <= 0)
            return sorted[0];
        if (position >= count - 1)
            return sorted[count - 1];
        var below = (int)Math.Floor(position);
        var fraction = position - below;
        var lower = sorted[below];
        var upper = sorted[below + 1];
        var difference = upper - lower;
        return fraction >= 0.5 ? upper - (difference * (1 - fraction)) : lower + (difference * fraction);
    }

    // numpy's bins='auto': the smaller of the Sturges and Freedman–Diaconis bin widths (Sturges alone when the IQR is zero),
    // turned into a count by ceil(range / width); one bin when the range is zero.
    public static int AutoBinCount(ReadOnlySpan<double> sorted)
    {
        var count = sorted.Length;
        var range = sorted[count - 1] - sorted[0];
        if (range == 0)
            return 1;
        var sturgesWidth = range / (Math.Log2(count) + 1.0);
        var interquartileRange = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        var freedmanDiaconisWidth = 2.0 * interquartileRange * Math.Pow(count, -1.0 / 3.0);
        var width = freedmanDiaconisWidth > 0 ? Math.Min(freedmanDiaconisWidth, sturgesWidth) : sturgesWidth;
        return (int)Math.Min(Math.Ceiling(range / width), int.MaxValue);
    }

    // The profile's bin count: numpy's 'auto' clamped to [min, max], then at most the number of distinct values.
    public static int HistogramBinCount(ReadOnlySpan<double> sorted, int distinctCount, int minBins, int maxBins) =>
        Math.Max(1, Math.Min(Math.Clamp(AutoBinCount(sorted), minBins, maxBins), distinctCount));

    // numpy.histogram(values, bins=binCount): edges from numpy.linspace(min, max, binCount + 1) (min − 0.5 and max + 0.5 when
    // they are equal); bin i holds edge[i] ≤ x < edge[i + 1], the last bin also its right edge.
    public static Histogram EqualWidth(ReadOnlySpan<double> sorted, int binCount)
    {
        var first = sorted[0];
        var last = sorted[^1];
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }
        var edges = new double[binCount + 1];
        var step = (last - first) / binCount;
        for (var i = 0; i < binCount; i++)
            edges[i] = (i * step) + first;
        edges[binCount] = last;
        return new Histogram { BinEdges = edges, Counts = CountBetween(sorted, edges) };
    }

    // Equal-frequency bins: the distinct quantiles at k / binCount, k = 0 … binCount, as edges (one edge [v, v] for a constant column).
    public static Histogram EqualFrequency(ReadOnlySpan<double> sorted, int binCount)
    {
        var edges = new List<double>(binCount + 1);
        for (var k = 0; k <= binCount; k++)
        {
            var edge = Quantile(sorted, (double)k / binCount);
            if (edges.Count == 0 || edge > edges[^1])
                edges.Add(edge);
        }
        if (edges.Count == 1)
            edges.Add(edges[0]);
        return new Histogram { BinEdges = [.. edges], Counts = CountBetween(sorted, edges.ToArray()) };
    }

    // The number of sorted values in [edge[i], edge[i + 1]), with the last bin closed.
    private static int[] CountBetween(ReadOnlySpan<double> sorted, double[] edges)
    {
        var counts = new int[edges.Length - 1];
        var start = LowerBound(sorted, edges[0]);
        for (var i = 0; i < counts.Length; i++)
        {
            var end = i == counts.Length - 1 ? UpperBound(sorted, edges[i + 1]) : LowerBound(sorted, edges[i + 1]);
            counts[i] = end - start;
            start = end;
        }
        return counts;
    }

    // The first index whose value is not less than value.
    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] < value)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    // The first index whose value is greater than value.
    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] <= value)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
