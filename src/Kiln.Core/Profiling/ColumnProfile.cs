using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

/// <summary>The statistics of one column: counts for every kind, and one summary that depends on the kind.</summary>
/// <remarks>Exactly one of <see cref="Numeric"/>, <see cref="Categorical"/>, <see cref="Boolean"/>, <see cref="DateTime"/> and <see cref="Text"/>
/// matches <see cref="Kind"/>; the numeric, date-time and text summaries are <see langword="null"/> when the column has no (finite) values.</remarks>
public sealed record ColumnProfile
{
    /// <summary>The column's name.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of values it holds.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>Its role: the table's, except that the profiled target is <see cref="ColumnRole.Target"/>.</summary>
    public required ColumnRole Role { get; init; }

    /// <summary>The number of rows.</summary>
    public required int RowCount { get; init; }

    /// <summary>The number of missing values (NaN, code -1, null).</summary>
    public required int MissingCount { get; init; }

    /// <summary>The share of rows that are missing; 0 for a table without rows.</summary>
    public required double MissingFraction { get; init; }

    /// <summary>The exact number of distinct non-missing values (for numbers, each infinity counts as one value).</summary>
    public required int DistinctCount { get; init; }

    /// <summary>Moments, quantiles and histograms of a numeric column.</summary>
    public NumericSummary? Numeric { get; init; }

    /// <summary>Category counts of a categorical column.</summary>
    public CategoricalSummary? Categorical { get; init; }

    /// <summary>True and false counts of a boolean column.</summary>
    public BooleanSummary? Boolean { get; init; }

    /// <summary>The range of a date-time column.</summary>
    public DateTimeSummary? DateTime { get; init; }

    /// <summary>Length statistics of a text column.</summary>
    public TextSummary? Text { get; init; }
}
