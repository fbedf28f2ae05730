using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Baseline;

public sealed class DummyRegressorMedianContract : EstimatorContract<DummyRegressor, DummyRegressorModel>
{
    protected override DummyRegressor Create(ulong seed) => new(new DummyRegressorOptions { Strategy = DummyRegressorOptions.Median });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Friedman1(rows: 200, seed: 11), seed: 5);
}
