namespace Kiln.Core.Profiling;

/// <summary>The category counts of a categorical column, most frequent first.</summary>
public sealed record CategoricalSummary
{
    /// <summary>Up to <see cref="ProfileOptions.TopCategoryCount"/> categories, by count descending and then by name (ordinal).</summary>
    public required IReadOnlyList<CategoryCount> Categories { get; init; }

    /// <summary>The number of values in the categories not listed.</summary>
    public required int OtherCount { get; init; }

    /// <summary>The number of categories not listed.</summary>
    public required int OtherCategoryCount { get; init; }

    /// <summary>The most frequent category (the first by name among ties), or <see langword="null"/> when every value is missing.</summary>
    public string? Mode { get; init; }
}
