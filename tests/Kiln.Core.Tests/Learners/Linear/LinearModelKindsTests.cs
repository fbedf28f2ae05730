using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;

namespace Kiln.Core.Tests.Learners.Linear;

public sealed class LinearModelKindsTests
{
    [Fact]
    public void Known_LinearKinds_AreInTheFixedTable()
    {
        Assert.Equal("logistic_regression", LogisticRegressionModel.ModelKind);
        Assert.Equal("linear_regression", LinearRegressionModel.ModelKind);
        Assert.Equal("ridge", RidgeModel.ModelKind);
        Assert.Contains("logistic_regression", ModelKinds.Known);
        Assert.Contains("linear_regression", ModelKinds.Known);
        Assert.Contains("ridge", ModelKinds.Known);
    }
}
