using Kiln.Core.Learners.Boosting;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Boosting;

// Huber's terminal regions, row subsamples and random feature draws: the random parts must still be seeded.
public sealed class GradientBoostingRegressorHuberSubsampleContract : EstimatorContract<GradientBoostingRegressor, GradientBoostingRegressorModel>
{
    protected override GradientBoostingRegressor Create(ulong seed) => new(new GradientBoostingRegressorOptions
    {
        Loss = GradientBoostingRegressorOptions.Huber,
        NEstimators = 10,
        Subsample = 0.7,
        MaxFeatures = "sqrt",
        Seed = seed,
    });
}
