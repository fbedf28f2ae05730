using System.Buffers;
using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

// Profiles a numeric column in one pass over the rows and one (radix) sort of a copy of its finite values (with their row numbers when
// the target analysis needs them): moments, quantiles, histograms, distinct values, and the id-like test.
internal static class NumericColumnProfiler
{
    public static ColumnAnalysis Profile(NumericColumn column, ColumnRole role, TargetData? target, ProfileOptions options)
    {
        var values = column.Values;
        int missing = 0, infinite = 0, zeros = 0, finite = 0;
        bool positiveInfinity = false, negativeInfinity = false, allIntegers = true;
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            if (double.IsNaN(value))
            {
                missing++;
            }
            else if (double.IsInfinity(value))
            {
                infinite++;
                positiveInfinity |= value > 0;
                negativeInfinity |= value < 0;
            }
            else
            {
                finite++;
                if (value == 0)
                    zeros++;
                allIntegers &= value == Math.Floor(value);
            }
        }

        var sorted = ArrayPool<double>.Shared.Rent(finite);
        var rows = target is null ? null : ArrayPool<int>.Shared.Rent(finite);
        try
        {
            var sortedValues = sorted.AsSpan(0, finite);
            CopyFinite(values, sortedValues, rows);
            RadixSort.Sort(sortedValues, rows is null ? [] : rows.AsSpan(0, finite));

            var finiteDistinct = CountDistinct(sortedValues);
            var distinct = finiteDistinct + (positiveInfinity ? 1 : 0) + (negativeInfinity ? 1 : 0);
            var summary = finite == 0 ? null : Summarize(sortedValues, finiteDistinct, zeros, infinite, options);
            var profile = new ColumnProfile
            {
                Name = column.Name,
                Kind = ColumnKind.Numeric,
                Role = role,
                RowCount = values.Length,
                MissingCount = missing,
                MissingFraction = values.Length == 0 ? 0 : (double)missing / values.Length,
                DistinctCount = distinct,
                Numeric = summary,
            };
            var idLikeReason = summary is not null && IsIdLike(summary, finiteDistinct, allIntegers, options)
                ? $"its {finite} values are whole numbers from {summary.Min:R} to {summary.Max:R}, {finiteDistinct} of them distinct, like a row number or key"
                : null;
            var association = target is null || idLikeReason is not null
                ? null
                : FeatureTargetAnalysis.ForNumbers(column.Name, values, sortedValues, rows.AsSpan(0, finite), target, options);
            return new ColumnAnalysis(profile, association, idLikeReason);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sorted);
            if (rows is not null)
                ArrayPool<int>.Shared.Return(rows);
        }
    }

    // Moments, quantiles and both histograms of the finite values, sorted ascending.
    internal static NumericSummary Summarize(ReadOnlySpan<double> sorted, int finiteDistinct, int zeros, int infinite, ProfileOptions options)
    {
        var count = sorted.Length;
        // Compensated (Neumaier) summation keeps the mean within an ulp or so of the exact one, whatever the order.
        double sum = 0, compensation = 0;
        foreach (var value in sorted)
        {
            var next = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? sum - next + value : value - next + sum;
            sum = next;
        }
        var mean = (sum + compensation) / count;
        var squares = 0.0;
        foreach (var value in sorted)
            squares += (value - mean) * (value - mean);
        var quantiles = new QuantileValue[NumericSummary.QuantileProbabilities.Count];
        for (var i = 0; i < quantiles.Length; i++)
        {
            var probability = NumericSummary.QuantileProbabilities[i];
            quantiles[i] = new QuantileValue(probability, NumpyStatistics.Quantile(sorted, probability));
        }
        var bins = NumpyStatistics.HistogramBinCount(sorted, finiteDistinct, options.MinHistogramBins, options.MaxHistogramBins);
        return new NumericSummary
        {
            Count = count,
            Mean = mean,
            StandardDeviation = count > 1 ? Math.Sqrt(squares / (count - 1)) : double.NaN,
            Min = sorted[0],
            Max = sorted[^1],
            Quantiles = quantiles,
            ZeroCount = zeros,
            InfiniteCount = infinite,
            Histogram = NumpyStatistics.EqualWidth(sorted, bins),
            ReferenceBins = NumpyStatistics.EqualFrequency(sorted, options.ReferenceBinCount),
        };
    }

    internal static int CountDistinct(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
            return 0;
        var distinct = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[i - 1])
                distinct++;
        }
        return distinct;
    }

    // Whole numbers, nearly all distinct, spanning less than twice their count: a sequence of row numbers or keys.
    private static bool IsIdLike(NumericSummary summary, int distinct, bool allIntegers, ProfileOptions options) =>
        allIntegers
        && summary.Count >= options.IdLikeMinimumRows
        && distinct >= options.IdLikeDistinctFraction * summary.Count
        && summary.Max - summary.Min < 2.0 * distinct;

    private static void CopyFinite(ReadOnlySpan<double> values, Span<double> destination, int[]? rows)
    {
        var next = 0;
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            if (!double.IsFinite(value))
                continue;
            if (rows is not null)
                rows[next] = row;
            destination[next++] = value;
        }
    }
}
