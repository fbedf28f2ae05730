using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Boosting;

// A gradient-boosting fit's options, whichever estimator they came from; GradientBoostingFit boosts from these.
internal sealed record BoostingSettings(
    string Loss,
    double LearningRate,
    int NEstimators,
    double Subsample,
    string Criterion,
    TreeLimits Limits,
    double Alpha,
    double ValidationFraction,
    int? NIterNoChange,
    double Tol,
    ulong Seed)
{
    // The settings of either estimator's options; `alpha` is the regressor's (the classifier has none).
    public static BoostingSettings From(IGradientBoostingOptions options, double alpha) => new(
        options.Loss,
        options.LearningRate,
        options.NEstimators,
        options.Subsample,
        options.Criterion,
        new TreeLimits(options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease),
        alpha,
        options.ValidationFraction,
        options.NIterNoChange,
        options.Tol,
        options.Seed);
}
