namespace Kiln.Core.Learners.Baseline;

// The target statistics of DummyRegressor, computed as NumPy and scikit-learn 1.2 compute them, so that the baseline
// is the number a Python user would get.
internal static class TargetStatistics
{
    // Mean, or weighted mean Σwy / Σw; compensated sums (Neumaier) keep it within an ulp or so of NumPy's pairwise sums.
    public static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
            return Sum(values) / values.Length;
        var products = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            products[i] = values[i] * weights[i];
        return Sum(products) / Sum(weights);
    }

    // np.median: the middle value, or the mean of the two middle values.
    public static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    // np.percentile(values, q) with the default 'linear' method, following NumPy 1.22+'s arithmetic step by step:
    // q is divided back by 100, the virtual index is n·q + (1 − q) − 1, and the interpolation is taken from the nearer end.
    public static double Percentile(ReadOnlySpan<double> values, double percent)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        var q = percent / 100;
        var virtualIndex = (n * q) + (1 - q) - 1;
        if (virtualIndex >= n - 1)
            return sorted[n - 1];
        if (virtualIndex < 0)
            return sorted[0];
        var previousIndex = Math.Floor(virtualIndex);
        var previous = sorted[(int)previousIndex];
        var next = sorted[(int)previousIndex + 1];
        var gamma = virtualIndex - previousIndex;
        var difference = next - previous;
        return gamma >= 0.5 ? next - (difference * (1 - gamma)) : previous + (difference * gamma);
    }

    // scikit-learn's _weighted_percentile: sort, accumulate the weights, and take the first value whose cumulative
    // weight reaches percent/100 of the total (the lower weighted percentile, no interpolation). At percent 0 the
    // threshold is the smallest positive double, so leading zero-weight values are skipped.
    public static double WeightedPercentile(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double percent)
    {
        var sortedValues = values.ToArray();
        var sortedWeights = weights.ToArray();
        Array.Sort(sortedValues, sortedWeights);
        var cumulative = new double[sortedWeights.Length];
        var running = 0.0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            running += sortedWeights[i];
            cumulative[i] = running;
        }
        var threshold = percent / 100 * cumulative[^1];
        if (threshold == 0)
            threshold = double.Epsilon;
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (cumulative[i] >= threshold)
                return sortedValues[i];
        }
        return sortedValues[^1];
    }

    public static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        var compensation = 0.0;
        foreach (var value in values)
        {
            var total = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - total) + value : (value - total) + sum;
            sum = total;
        }
        return sum + compensation;
    }
}
