namespace Kiln.Core.Profiling;

/// <summary>How strongly one feature goes with the target, and how well it predicts the target on its own.</summary>
/// <remarks>
/// The association is computed over the rows where both the feature and the target are present (and finite).
/// The single-feature score is what the leakage check uses: the in-sample accuracy (classification) or R² (regression) of
/// the best simple rule on the feature alone — for numbers, a tree grown best-first (Gini or squared error, as CART) to at most
/// <see cref="ProfileOptions.LeakageMaxBins"/> intervals of at least <see cref="ProfileOptions.LeakageMinimumBinRows"/> rows
/// (split points are searched between distinct values, or, for features with more than 4,096 distinct values, between 4,096
/// bins of about equal size);
/// for categories, each category's majority class (or mean), with categories smaller than
/// <see cref="ProfileOptions.LeakageMinimumBinRows"/> pooled. Missing (and infinite) feature values form one more group.
/// </remarks>
public sealed record FeatureAssociation
{
    /// <summary>The feature's name.</summary>
    public required string Feature { get; init; }

    /// <summary>The statistic in <see cref="Value"/>.</summary>
    public required AssociationMeasure Measure { get; init; }

    /// <summary>The association; NaN when undefined (fewer than two rows, or no variation).</summary>
    public required double Value { get; init; }

    /// <summary>The number of rows where both the feature and the target are present.</summary>
    public required int RowCount { get; init; }

    /// <summary>The single-feature rule's score over every row with a target: accuracy for classification, R² for regression; NaN when undefined.</summary>
    public required double SingleFeatureScore { get; init; }
}
