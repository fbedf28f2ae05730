using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

public sealed class LightGbmClassifierContract : ClassifierContract<LightGbmClassifier, LightGbmClassifierModel>
{
    public LightGbmClassifierContract() => LightGbmModels.Register();

    protected override LightGbmClassifier Create(ulong seed) =>
        new(new LightGbmOptions { NEstimators = 10, NumLeaves = 7, MinChildSamples = 5, BaggingFraction = 0.8, BaggingFreq = 1, Seed = seed });
}
