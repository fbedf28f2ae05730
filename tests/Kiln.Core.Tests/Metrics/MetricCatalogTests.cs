using Kiln.Core.Metrics;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Metrics;

public sealed class MetricCatalogTests
{
    public static TheoryData<string, string> Cases => MetricReference.AllCases();

    [Theory, MemberData(nameof(Cases))]
    public void Score_ReferenceCase_MatchesScikitLearn(string file, string name)
    {
        var reference = MetricReference.Get(file, name);
        var scored = 0;
        foreach (var (key, expected) in reference.Results)
        {
            if (!MetricCatalog.TryGet(key, out var metric) || expected is System.Text.Json.Nodes.JsonArray)
                continue;
            var weights = key.StartsWith("roc_auc_ovo", StringComparison.Ordinal) ? [] : reference.Weights;
            Func<double> score = reference.IsRegression
                ? () => metric.Score(reference.TrueValues, reference.PredictedValues, weights)
                : () => metric.Score(new ClassificationPredictions(reference.TrueClasses, reference.PredictedClasses, reference.Labels.Length,
                    reference.Probabilities, reference.Task == "binary" ? reference.PositiveClass : 1, weights));
            // null: scikit-learn has no sample_weight for max_error, so Kiln refuses weights there too.
            if (expected is null || MetricReference.IsError(expected))
                Assert.Throws<ArgumentException>(() => score());
            else
                MetricReference.AssertClose(expected.GetValue<double>(), score(), $"{reference} {key} (catalog)");
            scored++;
        }
        Assert.True(scored >= 8, $"{reference}: only {scored} results were catalog metrics.");
    }

    [Theory]
    [InlineData("accuracy", true)]
    [InlineData("f1_macro", true)]
    [InlineData("roc_auc", true)]
    [InlineData("log_loss", false)]
    [InlineData("brier_score", false)]
    [InlineData("rmse", false)]
    [InlineData("mae", false)]
    [InlineData("mape", false)]
    [InlineData("r2", true)]
    public void Get_KnownName_HasDirection(string name, bool greaterIsBetter)
    {
        Assert.Equal(greaterIsBetter, MetricCatalog.Get(name).GreaterIsBetter);
    }

    [Fact]
    public void Get_ScikitLearnAlias_ReturnsCanonicalMetric()
    {
        Assert.Equal("f1_binary", MetricCatalog.Get("f1").Name);
        Assert.Equal("roc_auc_ovr_macro", MetricCatalog.Get("ROC_AUC_OVR").Name);
    }

    [Fact]
    public void Get_UnknownName_ListsNames()
    {
        var exception = Assert.Throws<ArgumentException>(() => MetricCatalog.Get("f2"));

        Assert.Contains("balanced_accuracy", exception.Message, StringComparison.Ordinal);
        Assert.Contains("rmse", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BinaryMetricOnThreeClasses_PointsToMacro()
    {
        var metric = MetricCatalog.Get("f1");

        var exception = Assert.Throws<ArgumentException>(() => metric.Score(new ClassificationPredictions([0, 1, 2], [0, 1, 1], 3)));

        Assert.Contains("f1_macro", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ProbabilityMetricWithoutProbabilities_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => MetricCatalog.Get("log_loss").Score(new ClassificationPredictions([0, 1], [0, 1], 2)));

        Assert.Contains("needs class probabilities", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_RegressionMetricOnClasses_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => MetricCatalog.Get("rmse").Score(new ClassificationPredictions([0, 1], [0, 1], 2)));
    }

    [Fact]
    public void IsBetter_Loss_PrefersSmaller()
    {
        Assert.True(MetricCatalog.Get("log_loss").IsBetter(0.2, 0.3));
        Assert.False(MetricCatalog.Get("accuracy").IsBetter(0.2, 0.3));
    }
}
