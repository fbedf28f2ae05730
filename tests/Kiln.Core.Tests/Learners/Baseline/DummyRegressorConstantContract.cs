using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Baseline;

public sealed class DummyRegressorConstantContract : EstimatorContract<DummyRegressor, DummyRegressorModel>
{
    protected override DummyRegressor Create(ulong seed) => new(new DummyRegressorOptions { Strategy = DummyRegressorOptions.ConstantValue, Constant = -3.25 });
}
