namespace Kiln.Core.Learners.Ensembles;

// The options of a RandomForestRegressorModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record RandomForestRegressorState(
    int NEstimators, string Criterion, int? MaxDepth, int MinSamplesSplit, int MinSamplesLeaf, double MinWeightFractionLeaf, string? MaxFeatures,
    int? MaxLeafNodes, double MinImpurityDecrease, bool Bootstrap, double? MaxSamples, bool OobScore, ulong Seed)
{
    public static RandomForestRegressorState From(RandomForestRegressorOptions options) => new(
        options.NEstimators, options.Criterion, options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf,
        options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease, options.Bootstrap, options.MaxSamples, options.OobScore, options.Seed);

    public RandomForestRegressorOptions ToOptions() => new()
    {
        NEstimators = NEstimators,
        Criterion = Criterion,
        MaxDepth = MaxDepth,
        MinSamplesSplit = MinSamplesSplit,
        MinSamplesLeaf = MinSamplesLeaf,
        MinWeightFractionLeaf = MinWeightFractionLeaf,
        MaxFeatures = MaxFeatures,
        MaxLeafNodes = MaxLeafNodes,
        MinImpurityDecrease = MinImpurityDecrease,
        Bootstrap = Bootstrap,
        MaxSamples = MaxSamples,
        OobScore = OobScore,
        Seed = Seed,
    };
}
