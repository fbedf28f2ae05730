using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class AdaBoostRegressorContract : EstimatorContract<AdaBoostRegressor, AdaBoostRegressorModel>
{
    protected override AdaBoostRegressor Create(ulong seed) => new(new AdaBoostRegressorOptions { NEstimators = 20, Seed = seed });
}
