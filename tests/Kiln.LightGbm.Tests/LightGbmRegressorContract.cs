using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

public sealed class LightGbmRegressorContract : EstimatorContract<LightGbmRegressor, LightGbmRegressorModel>
{
    public LightGbmRegressorContract() => LightGbmModels.Register();

    protected override LightGbmRegressor Create(ulong seed) =>
        new(new LightGbmOptions { NEstimators = 10, NumLeaves = 7, MinChildSamples = 5, FeatureFraction = 0.8, Seed = seed });
}
