using Kiln.Core.Learners.Linear;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

public sealed class LinearRegressorContract : EstimatorContract<LinearRegressor, LinearRegressionModel>
{
    protected override LinearRegressor Create(ulong seed) => new(new LinearRegressionOptions());
}
