using Kiln.Core.Learners.Boosting;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Boosting;

public sealed class GradientBoostingRegressorContract : EstimatorContract<GradientBoostingRegressor, GradientBoostingRegressorModel>
{
    protected override GradientBoostingRegressor Create(ulong seed) => new(new GradientBoostingRegressorOptions { NEstimators = 10, Seed = seed });
}
