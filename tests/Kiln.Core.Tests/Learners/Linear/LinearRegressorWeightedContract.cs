using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

// Sample weights and no intercept.
public sealed class LinearRegressorWeightedContract : EstimatorContract<LinearRegressor, LinearRegressionModel>
{
    protected override LinearRegressor Create(ulong seed) => new(new LinearRegressionOptions { FitIntercept = false });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Friedman1(rows: 200, seed: 11), seed: 5);
}
