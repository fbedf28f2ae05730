namespace Kiln.Core.Learners.Trees;

// The options of a DecisionTreeClassifierModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record DecisionTreeClassifierState(
    string Criterion, int? MaxDepth, int MinSamplesSplit, int MinSamplesLeaf, double MinWeightFractionLeaf, string? MaxFeatures,
    int? MaxLeafNodes, double MinImpurityDecrease, string? ClassWeight, ulong Seed)
{
    public static DecisionTreeClassifierState From(DecisionTreeClassifierOptions options) => new(
        options.Criterion, options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures,
        options.MaxLeafNodes, options.MinImpurityDecrease, options.ClassWeight, options.Seed);

    public DecisionTreeClassifierOptions ToOptions() => new()
    {
        Criterion = Criterion,
        MaxDepth = MaxDepth,
        MinSamplesSplit = MinSamplesSplit,
        MinSamplesLeaf = MinSamplesLeaf,
        MinWeightFractionLeaf = MinWeightFractionLeaf,
        MaxFeatures = MaxFeatures,
        MaxLeafNodes = MaxLeafNodes,
        MinImpurityDecrease = MinImpurityDecrease,
        ClassWeight = ClassWeight,
        Seed = Seed,
    };
}
