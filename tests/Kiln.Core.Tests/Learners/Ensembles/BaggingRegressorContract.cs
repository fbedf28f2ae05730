using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class BaggingRegressorContract : EstimatorContract<BaggingRegressor, BaggingRegressorModel>
{
    protected override BaggingRegressor Create(ulong seed) => new(new BaggingOptions { NEstimators = 6, MaxFeatures = 0.6, OobScore = true, Seed = seed });
}
