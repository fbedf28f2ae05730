using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Baseline;

public sealed class DummyClassifierMostFrequentContract : ClassifierContract<DummyClassifier, DummyClassifierModel>
{
    protected override DummyClassifier Create(ulong seed) => new(new DummyClassifierOptions { Strategy = DummyClassifierOptions.MostFrequent, Seed = seed });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Blobs(rows: 200, seed: 11), seed: 5);
}
