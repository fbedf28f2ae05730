using Kiln.Core.Metrics;

namespace Kiln.Core.Profiling;

/// <summary>Settings of <see cref="TableProfile.Compute"/>: summary sizes and the thresholds of the warning rules.</summary>
public sealed record ProfileOptions
{
    /// <summary>The task the target is for; <see langword="null"/> infers it: a numeric target is regression, any other kind classification.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public MetricTask? Task { get; init; }

    /// <summary>How many categories a categorical summary lists by name; the rest are added up as "other".</summary>
    /// <value>Default 50.</value>
    public int TopCategoryCount { get; init; } = 50;

    /// <summary>The fewest bins of a histogram (unless the column has fewer distinct values).</summary>
    /// <value>Default 10.</value>
    public int MinHistogramBins { get; init; } = 10;

    /// <summary>The most bins of a histogram.</summary>
    /// <value>Default 50.</value>
    public int MaxHistogramBins { get; init; } = 50;

    /// <summary>The number of equal-frequency bins kept per numeric column for drift monitoring (quantile edges at k / count).</summary>
    /// <value>Default 10 (deciles).</value>
    public int ReferenceBinCount { get; init; } = 10;

    /// <summary>The score (accuracy, or R² / |Pearson r| for regression) at which a single feature counts as leaking the target.</summary>
    /// <value>Default 0.99.</value>
    public double LeakageThreshold { get; init; } = 0.99;

    /// <summary>For classification, the share of the majority-class baseline's errors that a single-feature rule must remove to count as a leak.</summary>
    /// <value>Default 0.9: the rule makes at most a tenth of the baseline's errors, so an imbalanced target does not make every feature look leaky.</value>
    public double LeakageMinimumErrorReduction { get; init; } = 0.9;

    /// <summary>The most intervals (numeric features) of the single-feature rule used by the leakage check.</summary>
    /// <value>Default 20.</value>
    public int LeakageMaxBins { get; init; } = 20;

    /// <summary>The fewest rows of an interval or category in the single-feature rule; smaller categories are pooled into one group.</summary>
    /// <value>Default 5.</value>
    public int LeakageMinimumBinRows { get; init; } = 5;

    /// <summary>The share of distinct values among the non-missing ones at or above which a column looks like an identifier.</summary>
    /// <value>Default 0.95.</value>
    public double IdLikeDistinctFraction { get; init; } = 0.95;

    /// <summary>The fewest non-missing values a column needs before it is judged id-like.</summary>
    /// <value>Default 20.</value>
    public int IdLikeMinimumRows { get; init; } = 20;

    /// <summary>The missing share above which a column is reported as mostly missing.</summary>
    /// <value>Default 0.5.</value>
    public double HighMissingFraction { get; init; } = 0.5;

    /// <summary>The class share below which a class target is reported as imbalanced.</summary>
    /// <value>Default 0.05.</value>
    public double ImbalancedMinorityShare { get; init; } = 0.05;

    /// <summary>The most columns (and row blocks of the correlation matrix) profiled at once; -1 uses every core.</summary>
    /// <value>Default -1. The results do not depend on it.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below its minimum or a share lies outside [0, 1].</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(TopCategoryCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinHistogramBins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHistogramBins, MinHistogramBins);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReferenceBinCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(LeakageMaxBins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(LeakageMinimumBinRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(IdLikeMinimumRows, 1);
        if (MaxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be -1 (every core) or at least 1.");
        CheckShare(LeakageThreshold, nameof(LeakageThreshold));
        CheckShare(LeakageMinimumErrorReduction, nameof(LeakageMinimumErrorReduction));
        CheckShare(IdLikeDistinctFraction, nameof(IdLikeDistinctFraction));
        CheckShare(HighMissingFraction, nameof(HighMissingFraction));
        CheckShare(ImbalancedMinorityShare, nameof(ImbalancedMinorityShare));
    }

    private static void CheckShare(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must lie in [0, 1].");
    }
}
