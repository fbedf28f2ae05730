using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

public sealed class DecisionTreeRegressorContract : EstimatorContract<DecisionTreeRegressor, DecisionTreeRegressorModel>
{
    protected override DecisionTreeRegressor Create(ulong seed) => new(new DecisionTreeRegressorOptions { Seed = seed });
}
