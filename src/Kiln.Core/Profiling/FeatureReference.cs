using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

/// <summary>One column's reference distribution for drift monitoring: equal-frequency bins for numbers, category shares otherwise.</summary>
public sealed record FeatureReference
{
    /// <summary>The column's name.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of values it holds.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>Its role (a feature, or the target for prediction drift).</summary>
    public required ColumnRole Role { get; init; }

    /// <summary>The number of rows of the reference data.</summary>
    public required int RowCount { get; init; }

    /// <summary>The share of rows that were missing.</summary>
    public required double MissingFraction { get; init; }

    /// <summary>Numeric columns: the reference's quantile bin edges (see <see cref="NumericSummary.ReferenceBins"/>); otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? BinEdges { get; init; }

    /// <summary>Numeric columns: the share of the finite values in each bin; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? BinShares { get; init; }

    /// <summary>Categorical and boolean columns: the share of the non-missing values in each listed category (booleans as <c>true</c> / <c>false</c>); otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<CategoryCount>? Categories { get; init; }

    /// <summary>Categorical columns: the share of the non-missing values in the categories not listed; otherwise 0.</summary>
    public double OtherShare { get; init; }
}
