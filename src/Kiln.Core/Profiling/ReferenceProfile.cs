using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

/// <summary>The reference distributions a registered model keeps for drift monitoring (DESIGN §8): per feature, quantile bins or category shares.</summary>
/// <remarks>Serializes with <see cref="ProfileJson.Options"/>. Date-time and text columns have no reference yet; they are left out.</remarks>
public sealed record ReferenceProfile
{
    /// <summary>The features (and the target, if profiled), in table order.</summary>
    public required IReadOnlyList<FeatureReference> Features { get; init; }

    /// <summary>Takes the reference distributions of the features and target out of <paramref name="profile"/>.</summary>
    public static ReferenceProfile FromProfile(TableProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var features = new List<FeatureReference>();
        foreach (var column in profile.Columns)
        {
            if (column.Role is not (ColumnRole.Feature or ColumnRole.Target))
                continue;
            var reference = new FeatureReference
            {
                Name = column.Name,
                Kind = column.Kind,
                Role = column.Role,
                RowCount = column.RowCount,
                MissingFraction = column.MissingFraction,
            };
            if (column.Kind == ColumnKind.Numeric)
                features.Add(WithBins(reference, column.Numeric));
            else if (column.Categorical is { } categorical)
                features.Add(WithCategories(reference, categorical));
            else if (column.Boolean is { } boolean)
                features.Add(WithBooleans(reference, boolean));
        }
        return new ReferenceProfile { Features = features };
    }

    private static FeatureReference WithBins(FeatureReference reference, NumericSummary? numeric)
    {
        if (numeric is null)
            return reference with { BinEdges = [], BinShares = [] };
        var bins = numeric.ReferenceBins;
        var shares = new double[bins.Counts.Count];
        for (var i = 0; i < shares.Length; i++)
            shares[i] = (double)bins.Counts[i] / numeric.Count;
        return reference with { BinEdges = bins.BinEdges, BinShares = shares };
    }

    private static FeatureReference WithCategories(FeatureReference reference, CategoricalSummary categorical)
    {
        var total = categorical.OtherCount;
        foreach (var category in categorical.Categories)
            total += category.Count;
        return reference with
        {
            Categories = categorical.Categories,
            OtherShare = total == 0 ? 0 : (double)categorical.OtherCount / total,
        };
    }

    private static FeatureReference WithBooleans(FeatureReference reference, BooleanSummary boolean)
    {
        var total = boolean.TrueCount + boolean.FalseCount;
        double Share(int count) => total == 0 ? 0 : (double)count / total;
        return reference with
        {
            Categories = [new CategoryCount("false", boolean.FalseCount, Share(boolean.FalseCount)), new CategoryCount("true", boolean.TrueCount, Share(boolean.TrueCount))],
        };
    }
}
