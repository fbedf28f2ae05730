using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

public sealed class DecisionTreeRegressorBestFirstContract : EstimatorContract<DecisionTreeRegressor, DecisionTreeRegressorModel>
{
    protected override DecisionTreeRegressor Create(ulong seed) => new(new DecisionTreeRegressorOptions { MaxLeafNodes = 20, MaxFeatures = "log2", Seed = seed });
}
