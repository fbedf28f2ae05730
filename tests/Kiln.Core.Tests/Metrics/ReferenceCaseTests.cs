using Kiln.Core.Metrics;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Metrics;

/// <summary>
/// Every result of tests/reference/metrics_cases.json and metrics_edge_cases.json (scikit-learn 1.2.1), checked
/// through the metric functions and through the reports. A result key with no check fails the test.
/// </summary>
public sealed class ReferenceCaseTests
{
    public static TheoryData<string, string> Cases => MetricReference.AllCases();

    [Theory, MemberData(nameof(Cases))]
    public void Functions_ReferenceCase_MatchScikitLearn(string file, string name)
    {
        var reference = MetricReference.Get(file, name);
        var checks = reference.IsRegression ? RegressionChecks(reference) : ClassificationChecks(reference);

        foreach (var (key, expected) in reference.Results)
        {
            Assert.True(checks.TryGetValue(key, out var compute), $"{reference}: result '{key}' has no check.");
            var context = $"{reference} {key}";
            if (expected is null)
            {
                // scikit-learn has no such argument (max_error with sample_weight): Kiln refuses it too.
                Assert.Equal("max_error", key);
                Assert.Throws<ArgumentException>(() => MetricCatalog.Get("max_error").Score(reference.TrueValues, reference.PredictedValues, reference.Weights));
            }
            else if (MetricReference.IsError(expected))
            {
                Assert.Throws<ArgumentException>(() => compute());
            }
            else
            {
                MetricReference.AssertMatches(expected, compute(), context);
            }
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Report_ReferenceCase_MatchesScikitLearn(string file, string name)
    {
        var reference = MetricReference.Get(file, name);
        IReadOnlyList<MetricResult> metrics;
        ClassificationReport? classification = null;
        if (reference.IsRegression)
        {
            metrics = RegressionReport.Compute(reference.TrueValues, reference.PredictedValues, reference.Weights).Metrics;
        }
        else
        {
            classification = ClassificationReport.Compute(reference.TrueClasses, reference.PredictedClasses, reference.Probabilities,
                reference.ClassNames, reference.Task == "binary" ? reference.PositiveClass : null, reference.Weights);
            metrics = classification.Metrics;
        }

        var checkedNames = new HashSet<string>();
        foreach (var (key, expected) in reference.Results)
        {
            var context = $"{reference} {key}";
            if (key == "confusion_matrix")
            {
                MetricReference.AssertMatches(expected!, classification!.ConfusionMatrix.ToRows(), context);
                continue;
            }
            var reportName = key == "brier_multiclass_numpy" ? "brier_multiclass" : key;
            var metric = metrics.SingleOrDefault(m => m.Name == reportName);
            Assert.True(metric is not null, $"{context}: the report has no '{reportName}'.");
            checkedNames.Add(reportName);
            if (expected is null || MetricReference.IsError(expected))
            {
                Assert.False(metric.Succeeded, $"{context}: scikit-learn refuses this input, but the report gave {metric}.");
            }
            else if (reference.IsWeighted && key.StartsWith("roc_auc_ovo", StringComparison.Ordinal))
            {
                // scikit-learn refuses sample weights for one-vs-one AUC; the reference value was computed without them.
                Assert.False(metric.Succeeded, $"{context}: one-vs-one AUC with weights should be refused, got {metric}.");
                var unweighted = ClassificationReport.Compute(reference.TrueClasses, reference.PredictedClasses, reference.Probabilities, reference.ClassNames);
                MetricReference.AssertMatches(expected, unweighted[reportName].Value, context + " (unweighted)");
            }
            else
            {
                Assert.True(metric.Succeeded, $"{context}: {metric.Error}");
                MetricReference.AssertMatches(expected, metric.PerClass is null ? metric.Value : metric.PerClass, context);
            }
        }
        // And the report has nothing the reference lacks.
        Assert.Equal(checkedNames.Order(), metrics.Select(m => m.Name).Order());
    }

    private static Dictionary<string, Func<object>> ClassificationChecks(MetricCase c)
    {
        var t = c.TrueClasses;
        var p = c.PredictedClasses;
        var k = c.Labels.Length;
        var w = c.Weights;
        var probabilities = c.Probabilities;
        var checks = new Dictionary<string, Func<object>>
        {
            ["accuracy"] = () => ClassificationMetrics.Accuracy(t, p, w),
            ["balanced_accuracy"] = () => ClassificationMetrics.BalancedAccuracy(t, p, k, w),
            ["matthews_corrcoef"] = () => ClassificationMetrics.MatthewsCorrelation(t, p, k, w),
            ["cohen_kappa"] = () => ClassificationMetrics.CohenKappa(t, p, k, KappaWeighting.None, w),
            ["cohen_kappa_linear"] = () => ClassificationMetrics.CohenKappa(t, p, k, KappaWeighting.Linear, w),
            ["cohen_kappa_quadratic"] = () => ClassificationMetrics.CohenKappa(t, p, k, KappaWeighting.Quadratic, w),
            ["confusion_matrix"] = () => ConfusionMatrix.Compute(t, p, k, w).ToRows(),
            ["precision_per_class"] = () => ClassificationMetrics.PrecisionPerClass(t, p, k, w),
            ["recall_per_class"] = () => ClassificationMetrics.RecallPerClass(t, p, k, w),
            ["f1_per_class"] = () => ClassificationMetrics.F1PerClass(t, p, k, w),
            ["log_loss"] = () => ProbabilityMetrics.LogLoss(t, probabilities, k, w),
        };
        foreach (var (average, suffix) in new[] { (MetricAverage.Macro, "macro"), (MetricAverage.Micro, "micro"), (MetricAverage.Weighted, "weighted") })
        {
            checks[$"precision_{suffix}"] = () => ClassificationMetrics.Precision(t, p, k, average, w);
            checks[$"recall_{suffix}"] = () => ClassificationMetrics.Recall(t, p, k, average, w);
            checks[$"f1_{suffix}"] = () => ClassificationMetrics.F1(t, p, k, average, w);
        }
        if (c.Task == "binary")
        {
            var positive = c.PositiveClass;
            var scores = c.Scores;
            checks["precision_binary"] = () => ClassificationMetrics.BinaryPrecision(t, p, positive, w);
            checks["recall_binary"] = () => ClassificationMetrics.BinaryRecall(t, p, positive, w);
            checks["f1_binary"] = () => ClassificationMetrics.BinaryF1(t, p, positive, w);
            checks["roc_auc"] = () => RankingMetrics.RocAuc(t, scores, positive, w);
            checks["average_precision"] = () => RankingMetrics.AveragePrecision(t, scores, positive, w);
            checks["brier_score"] = () => ProbabilityMetrics.BrierScore(t, scores, positive, w);
        }
        else
        {
            checks["roc_auc_ovr_macro"] = () => RankingMetrics.RocAucOneVsRest(t, probabilities, k, MetricAverage.Macro, w);
            checks["roc_auc_ovr_weighted"] = () => RankingMetrics.RocAucOneVsRest(t, probabilities, k, MetricAverage.Weighted, w);
            // One-vs-one takes no weights (scikit-learn refuses them); the reference values were computed without.
            checks["roc_auc_ovo_macro"] = () => RankingMetrics.RocAucOneVsOne(t, probabilities, k, MetricAverage.Macro);
            checks["roc_auc_ovo_weighted"] = () => RankingMetrics.RocAucOneVsOne(t, probabilities, k, MetricAverage.Weighted);
            checks["average_precision_ovr_macro"] = () => RankingMetrics.AveragePrecisionOneVsRest(t, probabilities, k, MetricAverage.Macro, w);
            checks["average_precision_ovr_micro"] = () => RankingMetrics.AveragePrecisionOneVsRest(t, probabilities, k, MetricAverage.Micro, w);
            checks["brier_multiclass_numpy"] = () => ProbabilityMetrics.MulticlassBrierScore(t, probabilities, k, w);
        }
        return checks;
    }

    private static Dictionary<string, Func<object>> RegressionChecks(MetricCase c)
    {
        var t = c.TrueValues;
        var p = c.PredictedValues;
        var w = c.Weights;
        return new Dictionary<string, Func<object>>
        {
            ["mse"] = () => RegressionMetrics.MeanSquaredError(t, p, w),
            ["rmse"] = () => RegressionMetrics.RootMeanSquaredError(t, p, w),
            ["mae"] = () => RegressionMetrics.MeanAbsoluteError(t, p, w),
            ["r2"] = () => RegressionMetrics.R2(t, p, w),
            ["explained_variance"] = () => RegressionMetrics.ExplainedVariance(t, p, w),
            ["mape"] = () => RegressionMetrics.MeanAbsolutePercentageError(t, p, w),
            ["median_absolute_error"] = () => RegressionMetrics.MedianAbsoluteError(t, p, w),
            ["max_error"] = () => RegressionMetrics.MaxError(t, p),
        };
    }

    [Fact]
    public void ReferenceFiles_Loaded_HaveEveryCase()
    {
        Assert.Equal(10, MetricReference.Load(MetricReference.CasesFile).Count);
        Assert.True(MetricReference.Load(MetricReference.EdgeCasesFile).Count >= 16);
        Assert.All(MetricReference.Load(MetricReference.CasesFile), c => Assert.NotEmpty(c.Results));
    }
}
