using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

// A forest's options, whichever estimator they came from; ForestFit grows the forest from these.
internal sealed record ForestSettings(
    int NEstimators,
    string Criterion,
    TreeLimits Limits,
    bool Bootstrap,
    double? MaxSamples,
    string? ClassWeight,
    bool OobScore,
    ulong Seed,
    bool RandomThresholds);
