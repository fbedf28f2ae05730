using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

public sealed class RidgeRegressorContract : EstimatorContract<RidgeRegressor, RidgeModel>
{
    protected override RidgeRegressor Create(ulong seed) => new(new RidgeOptions { Alpha = 3 });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Friedman1(rows: 200, seed: 11), seed: 5);
}
