using Kiln.Core.Data;

namespace Kiln.Reporting;

/// <summary>One column's statistics, with the data for its small plot: a histogram for numbers, the top categories otherwise.</summary>
public sealed record ColumnSummary
{
    /// <summary>The column's name as the file spells it.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of values the column holds.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>The column's role in the run: feature, target, ignored, id, ….</summary>
    /// <value>Default "feature".</value>
    public string Role { get; init; } = "feature";

    /// <summary>The number of missing values.</summary>
    public required long MissingCount { get; init; }

    /// <summary>The number of distinct non-missing values; null when not counted.</summary>
    public long? DistinctCount { get; init; }

    /// <summary>The mean of a numeric column; null otherwise.</summary>
    public double? Mean { get; init; }

    /// <summary>The standard deviation of a numeric column; null otherwise.</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>The smallest value of a numeric column; null otherwise.</summary>
    public double? Min { get; init; }

    /// <summary>The largest value of a numeric column; null otherwise.</summary>
    public double? Max { get; init; }

    /// <summary>The earliest instant of a date-time column; null otherwise.</summary>
    public DateTimeOffset? Earliest { get; init; }

    /// <summary>The latest instant of a date-time column; null otherwise.</summary>
    public DateTimeOffset? Latest { get; init; }

    /// <summary>The most frequent values with their counts, most frequent first (categorical, boolean and text columns).</summary>
    public IReadOnlyList<CategoryCount> TopCategories { get; init; } = [];

    /// <summary>The distribution of a numeric column; null when there is none.</summary>
    public HistogramData? Histogram { get; init; }
}
