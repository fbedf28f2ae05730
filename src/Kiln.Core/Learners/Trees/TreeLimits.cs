using System.Globalization;

namespace Kiln.Core.Learners.Trees;

// The stopping rules and feature sampling both tree options records share, validated once and resolved against the
// training rows as scikit-learn's BaseDecisionTree.fit resolves them.
internal readonly record struct TreeLimits(
    int? MaxDepth, int MinSamplesSplit, int MinSamplesLeaf, double MinWeightFractionLeaf, string? MaxFeatures, int? MaxLeafNodes, double MinImpurityDecrease)
{
    public const string Sqrt = "sqrt";
    public const string Log2 = "log2";

    public void Validate()
    {
        if (MaxDepth is < 1)
            throw new ArgumentException($"MaxDepth (max_depth) is {MaxDepth}; it must be at least 1, or null for no limit.");
        if (MinSamplesSplit < 2)
            throw new ArgumentException($"MinSamplesSplit (min_samples_split) is {MinSamplesSplit}; it must be at least 2.");
        if (MinSamplesLeaf < 1)
            throw new ArgumentException($"MinSamplesLeaf (min_samples_leaf) is {MinSamplesLeaf}; it must be at least 1.");
        if (MinWeightFractionLeaf is not (>= 0 and <= 0.5))
            throw new ArgumentException($"MinWeightFractionLeaf (min_weight_fraction_leaf) is {MinWeightFractionLeaf}; it must be between 0 and 0.5.");
        if (MaxLeafNodes is < 2)
            throw new ArgumentException($"MaxLeafNodes (max_leaf_nodes) is {MaxLeafNodes}; it must be at least 2, or null for no limit.");
        if (!(MinImpurityDecrease >= 0) || double.IsInfinity(MinImpurityDecrease))
            throw new ArgumentException($"MinImpurityDecrease (min_impurity_decrease) is {MinImpurityDecrease}; it must be a finite number of at least 0.");
        _ = ParseMaxFeatures(MaxFeatures);
    }

    public TreeGrowthSettings Resolve(int featureCount, double totalWeight) => new()
    {
        MaxDepth = MaxDepth ?? int.MaxValue,
        MinSamplesSplit = (int)Math.Min(int.MaxValue, Math.Max(MinSamplesSplit, 2L * MinSamplesLeaf)),
        MinSamplesLeaf = MinSamplesLeaf,
        MinWeightLeaf = MinWeightFractionLeaf * totalWeight,
        MaxFeatures = ResolveMaxFeatures(featureCount),
        MinImpurityDecrease = MinImpurityDecrease,
        MaxLeafNodes = MaxLeafNodes ?? 0,
    };

    private int ResolveMaxFeatures(int featureCount)
    {
        var (count, fraction) = ParseMaxFeatures(MaxFeatures);
        return MaxFeatures switch
        {
            null => featureCount,
            Sqrt => Math.Max(1, (int)Math.Sqrt(featureCount)),
            Log2 => Math.Max(1, (int)Math.Log2(featureCount)),
            _ when count > featureCount => throw new ArgumentException(
                $"MaxFeatures (max_features) is {count}, but the training set has {featureCount} features; use at most {featureCount}, or a fraction such as 0.5."),
            _ when count > 0 => count,
            _ => Math.Max(1, (int)(fraction * featureCount)),
        };
    }

    // A count is written as digits ("5"); anything else numeric ("0.5", "1.0", "5e-1") is a fraction in (0, 1].
    private static (int Count, double Fraction) ParseMaxFeatures(string? maxFeatures)
    {
        if (maxFeatures is null or Sqrt or Log2)
            return (0, 0);
        if (int.TryParse(maxFeatures, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count >= 1
                ? (count, 0)
                : throw new ArgumentException($"MaxFeatures (max_features) is '{maxFeatures}'; a count of features must be at least 1.");
        }
        if (double.TryParse(maxFeatures, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is > 0 and <= 1)
            return (0, fraction);
        throw new ArgumentException(
            $"MaxFeatures (max_features) is '{maxFeatures}'; use null (all features), 'sqrt', 'log2', a count such as '5', or a fraction in (0, 1] such as '0.5'.");
    }
}
