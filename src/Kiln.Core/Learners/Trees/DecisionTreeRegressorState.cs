namespace Kiln.Core.Learners.Trees;

// The options of a DecisionTreeRegressorModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record DecisionTreeRegressorState(
    string Criterion, int? MaxDepth, int MinSamplesSplit, int MinSamplesLeaf, double MinWeightFractionLeaf, string? MaxFeatures,
    int? MaxLeafNodes, double MinImpurityDecrease, ulong Seed)
{
    public static DecisionTreeRegressorState From(DecisionTreeRegressorOptions options) => new(
        options.Criterion, options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures,
        options.MaxLeafNodes, options.MinImpurityDecrease, options.Seed);

    public DecisionTreeRegressorOptions ToOptions() => new()
    {
        Criterion = Criterion,
        MaxDepth = MaxDepth,
        MinSamplesSplit = MinSamplesSplit,
        MinSamplesLeaf = MinSamplesLeaf,
        MinWeightFractionLeaf = MinWeightFractionLeaf,
        MaxFeatures = MaxFeatures,
        MaxLeafNodes = MaxLeafNodes,
        MinImpurityDecrease = MinImpurityDecrease,
        Seed = Seed,
    };
}
