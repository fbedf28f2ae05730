namespace Kiln.Core.Data;

/// <summary>Decides whether a column of strings is <see cref="ColumnKind.Categorical"/> (a small set of repeated values) or <see cref="ColumnKind.Text"/> (mostly distinct values).</summary>
/// <remarks>
/// A string column is categorical when it has at most <see cref="MaxDistinctCount"/> distinct values, or when its distinct
/// values number at most <see cref="MaxDistinctFraction"/> of its non-missing values; otherwise it is text.
/// So small tables keep their string columns categorical, and an identifier or free-text column of a large table becomes text.
/// A column whose kind is declared in the read options is never decided by this rule.
/// </remarks>
public sealed record CategoricalRule
{
    /// <summary>The number of distinct values up to which a string column is always categorical.</summary>
    /// <value>Default 100.</value>
    public int MaxDistinctCount { get; init; } = 100;

    /// <summary>The share of distinct values among the non-missing values up to which a string column is categorical.</summary>
    /// <value>Default 0.5.</value>
    public double MaxDistinctFraction { get; init; } = 0.5;

    /// <summary>Whether a string column with <paramref name="distinctCount"/> distinct values among <paramref name="valueCount"/> non-missing values is categorical.</summary>
    public bool IsCategorical(int distinctCount, int valueCount) =>
        distinctCount <= MaxDistinctCount || distinctCount <= MaxDistinctFraction * valueCount;

    /// <summary>Checks the thresholds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxDistinctCount"/> is negative, or <see cref="MaxDistinctFraction"/> is outside [0, 1].</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDistinctCount);
        if (!(MaxDistinctFraction >= 0 && MaxDistinctFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(MaxDistinctFraction), MaxDistinctFraction, "MaxDistinctFraction must lie in [0, 1].");
    }
}
