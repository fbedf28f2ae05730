using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Baseline;

public sealed class DummyClassifierUniformContract : ClassifierContract<DummyClassifier, DummyClassifierModel>
{
    protected override DummyClassifier Create(ulong seed) => new(new DummyClassifierOptions { Strategy = DummyClassifierOptions.Uniform, Seed = seed });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Blobs(rows: 200, seed: 11), seed: 5);

    [Fact(Skip = "By design, as in scikit-learn: uniform predicts a drawn class while every class has probability 1/k.")]
    public override void Predict_EveryRow_IsArgmaxOfProbabilities() => base.Predict_EveryRow_IsArgmaxOfProbabilities();
}
