using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class RandomForestRegressorContract : EstimatorContract<RandomForestRegressor, RandomForestRegressorModel>
{
    protected override RandomForestRegressor Create(ulong seed) => new(new RandomForestRegressorOptions { NEstimators = 10, Seed = seed });
}
