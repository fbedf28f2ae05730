using Kiln.Core.Learners.Neural;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Neural;

public sealed class MlpRegressorContract : EstimatorContract<MlpRegressor, MlpRegressorModel>
{
    protected override MlpRegressor Create(ulong seed) => new(new MlpOptions { HiddenLayerSizes = "16", MaxIter = 20, Activation = MlpOptions.Tanh, Solver = MlpOptions.Sgd, Seed = seed });
}
