using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class ExtraTreesRegressorContract : EstimatorContract<ExtraTreesRegressor, ExtraTreesRegressorModel>
{
    protected override ExtraTreesRegressor Create(ulong seed) => new(new ExtraTreesRegressorOptions { NEstimators = 10, Seed = seed });
}
