namespace Kiln.Core.Learners.Boosting;

// The options of a GradientBoostingRegressorModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record GradientBoostingRegressorState(
    string Loss, double LearningRate, int NEstimators, double Subsample, string Criterion, int MinSamplesSplit, int MinSamplesLeaf,
    double MinWeightFractionLeaf, int? MaxDepth, double MinImpurityDecrease, string? MaxFeatures, int? MaxLeafNodes, double Alpha,
    double ValidationFraction, int? NIterNoChange, double Tol, ulong Seed)
{
    public static GradientBoostingRegressorState From(GradientBoostingRegressorOptions options) => new(
        options.Loss, options.LearningRate, options.NEstimators, options.Subsample, options.Criterion, options.MinSamplesSplit, options.MinSamplesLeaf,
        options.MinWeightFractionLeaf, options.MaxDepth, options.MinImpurityDecrease, options.MaxFeatures, options.MaxLeafNodes, options.Alpha,
        options.ValidationFraction, options.NIterNoChange, options.Tol, options.Seed);

    public GradientBoostingRegressorOptions ToOptions() => new()
    {
        Loss = Loss,
        LearningRate = LearningRate,
        NEstimators = NEstimators,
        Subsample = Subsample,
        Criterion = Criterion,
        MinSamplesSplit = MinSamplesSplit,
        MinSamplesLeaf = MinSamplesLeaf,
        MinWeightFractionLeaf = MinWeightFractionLeaf,
        MaxDepth = MaxDepth,
        MinImpurityDecrease = MinImpurityDecrease,
        MaxFeatures = MaxFeatures,
        MaxLeafNodes = MaxLeafNodes,
        Alpha = Alpha,
        ValidationFraction = ValidationFraction,
        NIterNoChange = NIterNoChange,
        Tol = Tol,
        Seed = Seed,
    };
}
