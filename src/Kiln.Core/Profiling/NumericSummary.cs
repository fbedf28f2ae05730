namespace Kiln.Core.Profiling;

/// <summary>The statistics of a numeric column's finite values, as pandas' <c>describe</c> and numpy's <c>histogram</c> compute them.</summary>
/// <remarks>
/// Infinities are counted in <see cref="InfiniteCount"/> and left out of every other statistic, so that one infinite cell does not
/// turn the mean, the quantiles and the histogram into infinities or NaN (pandas would include them).
/// </remarks>
public sealed record NumericSummary
{
    /// <summary>The probabilities of <see cref="Quantiles"/>: 0.05, 0.25, 0.5, 0.75 and 0.95.</summary>
    public static IReadOnlyList<double> QuantileProbabilities { get; } = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>The number of finite values.</summary>
    public required int Count { get; init; }

    /// <summary>The arithmetic mean.</summary>
    public required double Mean { get; init; }

    /// <summary>The sample standard deviation (divisor count − 1, as pandas); NaN for a single value.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>The smallest finite value.</summary>
    public required double Min { get; init; }

    /// <summary>The largest finite value.</summary>
    public required double Max { get; init; }

    /// <summary>The quantiles at <see cref="QuantileProbabilities"/>, with numpy's default linear interpolation between order statistics.</summary>
    public required IReadOnlyList<QuantileValue> Quantiles { get; init; }

    /// <summary>The number of values equal to zero.</summary>
    public required int ZeroCount { get; init; }

    /// <summary>The number of positive or negative infinities.</summary>
    public required int InfiniteCount { get; init; }

    /// <summary>An equal-width histogram with numpy's semantics; see <see cref="Histogram"/> for the bin count.</summary>
    public required Histogram Histogram { get; init; }

    /// <summary>Equal-frequency bins: the distinct quantiles at k / <see cref="ProfileOptions.ReferenceBinCount"/> as edges, with the count in each bin (the reference for drift monitoring).</summary>
    public required Histogram ReferenceBins { get; init; }

    /// <summary>The quantile at <paramref name="probability"/>, one of <see cref="QuantileProbabilities"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The probability is not one of those computed.</exception>
    public double GetQuantile(double probability)
    {
        foreach (var quantile in Quantiles)
        {
            if (quantile.Probability == probability)
                return quantile.Value;
        }
        throw new ArgumentOutOfRangeException(nameof(probability), probability, $"The profile holds the quantiles at {string.Join(", ", Quantiles.Select(q => q.Probability))} only.");
    }
}
