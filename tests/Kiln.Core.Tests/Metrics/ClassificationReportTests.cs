using Kiln.Core.Metrics;

namespace Kiln.Core.Tests.Metrics;

public sealed class ClassificationReportTests
{
    private static readonly string[] BinaryClasses = ["no", "yes"];

    [Fact]
    public void Compute_BinaryWithoutPositiveClass_UsesSecondClass()
    {
        var report = ClassificationReport.Compute([0, 1, 1, 0], [0, 1, 0, 0], [], BinaryClasses);

        Assert.Equal(1, report.PositiveClass);
        Assert.Equal(0.5, report["recall_binary"].Value);
    }

    [Fact]
    public void Compute_WithoutProbabilities_OmitsProbabilityMetrics()
    {
        var report = ClassificationReport.Compute([0, 1, 1, 0], [0, 1, 0, 0], [], BinaryClasses);

        Assert.False(report.HasProbabilities);
        Assert.False(report.TryGetMetric("roc_auc", out _));
        Assert.False(report.TryGetMetric("log_loss", out _));
    }

    [Fact]
    public void Compute_OneClassInTruth_RocAucIsErrorAndOthersRemain()
    {
        double[] probabilities = [0.2, 0.8, 0.6, 0.4, 0.1, 0.9];

        var report = ClassificationReport.Compute([1, 1, 1], [1, 0, 1], probabilities, BinaryClasses);

        Assert.False(report["roc_auc"].Succeeded);
        Assert.Contains("only one class", report["roc_auc"].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", report["roc_auc"].Error, StringComparison.Ordinal);
        Assert.Equal(2.0 / 3.0, report["accuracy"].Value, 1e-15);
        Assert.Equal(1.0, report["average_precision"].Value);
    }

    [Fact]
    public void Compute_PositiveClassWithThreeClasses_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute([0, 1, 2], [0, 1, 2], [], ["a", "b", "c"], positiveClass: 1));
    }

    [Fact]
    public void Compute_ProbabilityOutsideUnitInterval_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassificationReport.Compute([0, 1], [0, 1], [0.5, 0.5, -0.1, 1.1], BinaryClasses));

        Assert.Contains("row 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_UnknownMetric_ListsKnownNames()
    {
        var report = ClassificationReport.Compute([0, 1], [0, 1], [], BinaryClasses);

        var exception = Assert.Throws<KeyNotFoundException>(() => report["rmse"]);

        Assert.Contains("accuracy", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ClassWithoutTrueRows_OneVsRestErrorNamesClassAndOneVsOneRemains()
    {
        string[] classes = ["setosa", "versicolor", "virginica"];
        double[] probabilities = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.6, 0.3, 0.1, 0.1, 0.6, 0.3];

        var report = ClassificationReport.Compute([0, 1, 0, 1], [0, 1, 0, 1], probabilities, classes);

        Assert.Contains("'virginica' has no true rows", report["roc_auc_ovr_macro"].Error, StringComparison.Ordinal);
        Assert.True(report["roc_auc_ovo_macro"].Succeeded);
    }
}
