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
    ulong Seed);
