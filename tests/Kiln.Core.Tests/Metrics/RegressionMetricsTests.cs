using Kiln.Core.Metrics;

namespace Kiln.Core.Tests.Metrics;

public sealed class RegressionMetricsTests
{
    [Fact]
    public void MedianAbsoluteError_HeavyWeight_PicksThatError()
    {
        // scikit-learn: median_absolute_error([0,0,0], [1,2,3], sample_weight=[1,1,5]) = 3.0
        var median = RegressionMetrics.MedianAbsoluteError([0.0, 0.0, 0.0], [1.0, 2.0, 3.0], [1.0, 1.0, 5.0]);

        Assert.Equal(3.0, median);
    }

    [Fact]
    public void MedianAbsoluteError_EvenCountUnweighted_AveragesMiddleErrors()
    {
        var median = RegressionMetrics.MedianAbsoluteError([0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0]);

        Assert.Equal(2.5, median);
    }

    [Fact]
    public void R2_SingleRow_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => RegressionMetrics.R2([1.0], [2.0]));

        Assert.Contains("fewer than two rows", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_ConstantTruthPerfectPrediction_IsOne()
    {
        Assert.Equal(1.0, RegressionMetrics.R2([2.0, 2.0], [2.0, 2.0]));
    }

    [Fact]
    public void MeanAbsolutePercentageError_ZeroTruth_DividesByMachineEpsilon()
    {
        var mape = RegressionMetrics.MeanAbsolutePercentageError([0.0], [1.0]);

        Assert.Equal(1.0 / 2.220446049250313e-16, mape);
    }

    [Fact]
    public void MeanSquaredError_NaNPrediction_ThrowsNamingRow()
    {
        var exception = Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanSquaredError([1.0, 2.0], [1.0, double.NaN]));

        Assert.Contains("Row 1 of 'predictedValues' is NaN", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegressionReport_Weighted_MaxErrorIsAnErrorEntry()
    {
        var report = RegressionReport.Compute([1.0, 2.0, 3.0], [1.5, 2.0, 2.0], [1.0, 2.0, 1.0]);

        Assert.False(report["max_error"].Succeeded);
        Assert.Contains("sample weights", report["max_error"].Error, StringComparison.Ordinal);
        Assert.True(report["mse"].Succeeded);
    }

    [Fact]
    public void RegressionReport_SingleRow_KeepsOtherMetrics()
    {
        var report = RegressionReport.Compute([2.0], [2.5]);

        Assert.False(report["r2"].Succeeded);
        Assert.Equal(0.25, report["mse"].Value);
    }
}
