namespace Kiln.Core.Metrics;

/// <summary>Every metric Kiln knows, by name, for model selection, tuning and reports.</summary>
/// <remarks>
/// Names are those of <see cref="ClassificationReport"/> and <see cref="RegressionReport"/> (scikit-learn's, e.g.
/// <c>f1_macro</c>, <c>roc_auc_ovr_weighted</c>, <c>rmse</c>). A few scikit-learn scorer names are accepted as aliases:
/// <c>precision</c>, <c>recall</c> and <c>f1</c> (the binary scores), <c>roc_auc_ovr</c> and <c>roc_auc_ovo</c> (macro).
/// Unlike scikit-learn's scorers, losses are not negated: <see cref="MetricDefinition.GreaterIsBetter"/> says which way is better.
/// </remarks>
public static class MetricCatalog
{
    private static readonly MetricDefinition[] Definitions = Build();

    private static readonly Dictionary<string, MetricDefinition> ByName = Index();

    /// <summary>Every metric, classification first.</summary>
    public static IReadOnlyList<MetricDefinition> All => Definitions;

    /// <summary>The metric named <paramref name="name"/> (case-insensitive; aliases accepted).</summary>
    /// <exception cref="ArgumentException">No metric has that name; the message lists the names of the same kind.</exception>
    public static MetricDefinition Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGet(name, out var metric))
            return metric;
        throw new ArgumentException(
            $"Unknown metric '{name}'. Classification metrics: {string.Join(", ", Names(MetricTask.Classification))}. " +
            $"Regression metrics: {string.Join(", ", Names(MetricTask.Regression))}.", nameof(name));
    }

    /// <summary>Looks a metric up by name (case-insensitive; aliases accepted).</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricDefinition? metric)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name.Trim(), out metric);
    }

    /// <summary>The names of the metrics for <paramref name="task"/>, in catalog order.</summary>
    public static IReadOnlyList<string> Names(MetricTask task) => Definitions.Where(m => m.Task == task).Select(m => m.Name).ToArray();

    private static Dictionary<string, MetricDefinition> Index()
    {
        var index = Definitions.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
        index["precision"] = index["precision_binary"];
        index["recall"] = index["recall_binary"];
        index["f1"] = index["f1_binary"];
        index["roc_auc_ovr"] = index["roc_auc_ovr_macro"];
        index["roc_auc_ovo"] = index["roc_auc_ovo_macro"];
        return index;
    }

    private static MetricDefinition[] Build()
    {
        var list = new List<MetricDefinition>
        {
            Labels("accuracy", "Share of rows whose predicted class is right.",
                static (in ClassificationPredictions p) => ClassificationMetrics.Accuracy(p.TrueClasses, p.PredictedClasses, p.Weights)),
            Labels("balanced_accuracy", "Mean recall over the classes.",
                static (in ClassificationPredictions p) => ClassificationMetrics.BalancedAccuracy(p.TrueClasses, p.PredictedClasses, p.ClassCount, p.Weights)),
            Labels("precision_binary", "Precision of the positive class (two classes).",
                static (in ClassificationPredictions p) => ClassificationMetrics.BinaryPrecision(Matrix(p, "precision_binary", "precision_macro"), p.PositiveClass)),
            Labels("recall_binary", "Recall of the positive class (two classes).",
                static (in ClassificationPredictions p) => ClassificationMetrics.BinaryRecall(Matrix(p, "recall_binary", "recall_macro"), p.PositiveClass)),
            Labels("f1_binary", "F1 of the positive class (two classes).",
                static (in ClassificationPredictions p) => ClassificationMetrics.BinaryF1(Matrix(p, "f1_binary", "f1_macro"), p.PositiveClass)),
        };
        foreach (var (average, suffix) in new[] { (MetricAverage.Macro, "macro"), (MetricAverage.Micro, "micro"), (MetricAverage.Weighted, "weighted") })
        {
            list.Add(Labels($"precision_{suffix}", $"Precision, {suffix} average over the classes.",
                (in ClassificationPredictions p) => ClassificationMetrics.Precision(p.TrueClasses, p.PredictedClasses, p.ClassCount, average, p.Weights)));
            list.Add(Labels($"recall_{suffix}", $"Recall, {suffix} average over the classes.",
                (in ClassificationPredictions p) => ClassificationMetrics.Recall(p.TrueClasses, p.PredictedClasses, p.ClassCount, average, p.Weights)));
            list.Add(Labels($"f1_{suffix}", $"F1, {suffix} average over the classes.",
                (in ClassificationPredictions p) => ClassificationMetrics.F1(p.TrueClasses, p.PredictedClasses, p.ClassCount, average, p.Weights)));
        }
        list.AddRange(
        [
            Labels("matthews_corrcoef", "Matthews correlation between true and predicted classes.",
                static (in ClassificationPredictions p) => ClassificationMetrics.MatthewsCorrelation(p.TrueClasses, p.PredictedClasses, p.ClassCount, p.Weights)),
            Labels("cohen_kappa", "Cohen's kappa: agreement beyond chance.",
                static (in ClassificationPredictions p) => ClassificationMetrics.CohenKappa(p.TrueClasses, p.PredictedClasses, p.ClassCount, KappaWeighting.None, p.Weights)),
            Labels("cohen_kappa_linear", "Cohen's kappa with linear distance weights (ordered classes).",
                static (in ClassificationPredictions p) => ClassificationMetrics.CohenKappa(p.TrueClasses, p.PredictedClasses, p.ClassCount, KappaWeighting.Linear, p.Weights)),
            Labels("cohen_kappa_quadratic", "Cohen's kappa with quadratic distance weights (ordered classes).",
                static (in ClassificationPredictions p) => ClassificationMetrics.CohenKappa(p.TrueClasses, p.PredictedClasses, p.ClassCount, KappaWeighting.Quadratic, p.Weights)),
            Probabilities("roc_auc", true, "Area under the ROC curve of the positive class (two classes).",
                static (in ClassificationPredictions p) => RankingMetrics.RocAuc(p.TrueClasses, PositiveScores(p, "roc_auc", "roc_auc_ovr_macro"), p.PositiveClass, p.Weights)),
            Probabilities("roc_auc_ovr_macro", true, "One-vs-rest ROC AUC, macro average.",
                static (in ClassificationPredictions p) => RankingMetrics.RocAucOneVsRest(p.TrueClasses, p.Probabilities, p.ClassCount, MetricAverage.Macro, p.Weights)),
            Probabilities("roc_auc_ovr_weighted", true, "One-vs-rest ROC AUC, weighted by class prevalence.",
                static (in ClassificationPredictions p) => RankingMetrics.RocAucOneVsRest(p.TrueClasses, p.Probabilities, p.ClassCount, MetricAverage.Weighted, p.Weights)),
            Probabilities("roc_auc_ovo_macro", true, "One-vs-one ROC AUC (Hand and Till), macro average; no sample weights.",
                static (in ClassificationPredictions p) => OneVsOne(p, MetricAverage.Macro, "roc_auc_ovo_macro")),
            Probabilities("roc_auc_ovo_weighted", true, "One-vs-one ROC AUC (Hand and Till), weighted by pair prevalence; no sample weights.",
                static (in ClassificationPredictions p) => OneVsOne(p, MetricAverage.Weighted, "roc_auc_ovo_weighted")),
            Probabilities("average_precision", true, "Average precision of the positive class (two classes).",
                static (in ClassificationPredictions p) => RankingMetrics.AveragePrecision(p.TrueClasses, PositiveScores(p, "average_precision", "average_precision_ovr_macro"), p.PositiveClass, p.Weights)),
            Probabilities("average_precision_ovr_macro", true, "One-vs-rest average precision, macro average.",
                static (in ClassificationPredictions p) => RankingMetrics.AveragePrecisionOneVsRest(p.TrueClasses, p.Probabilities, p.ClassCount, MetricAverage.Macro, p.Weights)),
            Probabilities("average_precision_ovr_micro", true, "One-vs-rest average precision over every (row, class) pair.",
                static (in ClassificationPredictions p) => RankingMetrics.AveragePrecisionOneVsRest(p.TrueClasses, p.Probabilities, p.ClassCount, MetricAverage.Micro, p.Weights)),
            Probabilities("log_loss", false, "Mean negative log-likelihood of the true class.",
                static (in ClassificationPredictions p) => ProbabilityMetrics.LogLoss(p.TrueClasses, p.Probabilities, p.ClassCount, p.Weights)),
            Probabilities("brier_score", false, "Mean squared error of the positive-class probability (two classes).",
                static (in ClassificationPredictions p) => ProbabilityMetrics.BrierScore(p.TrueClasses, PositiveScores(p, "brier_score", "brier_multiclass"), p.PositiveClass, p.Weights)),
            Probabilities("brier_multiclass", false, "Mean over rows of the squared distance between the probabilities and the one-hot true class.",
                static (in ClassificationPredictions p) => ProbabilityMetrics.MulticlassBrierScore(p.TrueClasses, p.Probabilities, p.ClassCount, p.Weights)),
            MetricDefinition.ForRegression("mse", false, "Mean squared error.", RegressionMetrics.MeanSquaredError),
            MetricDefinition.ForRegression("rmse", false, "Root mean squared error.", RegressionMetrics.RootMeanSquaredError),
            MetricDefinition.ForRegression("mae", false, "Mean absolute error.", RegressionMetrics.MeanAbsoluteError),
            MetricDefinition.ForRegression("r2", true, "Coefficient of determination.", RegressionMetrics.R2),
            MetricDefinition.ForRegression("explained_variance", true, "Share of the variance of the true values explained.", RegressionMetrics.ExplainedVariance),
            MetricDefinition.ForRegression("mape", false, "Mean absolute percentage error, as a fraction.", RegressionMetrics.MeanAbsolutePercentageError),
            MetricDefinition.ForRegression("median_absolute_error", false, "Median absolute error (weighted median with weights).", RegressionMetrics.MedianAbsoluteError),
            MetricDefinition.ForRegression("max_error", false, "Largest absolute error; no sample weights.", MaxError),
        ]);
        return [.. list];
    }

    private static MetricDefinition Labels(string name, string description, ClassificationScorer scorer) =>
        MetricDefinition.ForClassification(name, greaterIsBetter: true, needsProbabilities: false, description, scorer);

    private static MetricDefinition Probabilities(string name, bool greaterIsBetter, string description, ClassificationScorer scorer) =>
        MetricDefinition.ForClassification(name, greaterIsBetter, needsProbabilities: true, description, scorer);

    private static void RequireTwoClasses(in ClassificationPredictions predictions, string name, string alternative)
    {
        if (predictions.ClassCount != 2)
            throw new ArgumentException($"'{name}' is for two classes, but there are {predictions.ClassCount}; use '{alternative}' instead.", nameof(predictions));
    }

    private static ConfusionMatrix Matrix(in ClassificationPredictions predictions, string name, string alternative)
    {
        RequireTwoClasses(predictions, name, alternative);
        return ConfusionMatrix.Compute(predictions.TrueClasses, predictions.PredictedClasses, 2, predictions.Weights);
    }

    private static double[] PositiveScores(in ClassificationPredictions predictions, string name, string alternative)
    {
        RequireTwoClasses(predictions, name, alternative);
        MetricInputs.RequireProbabilities(predictions.Probabilities, predictions.TrueClasses.Length, 2, nameof(predictions));
        MetricInputs.RequirePositiveClass(predictions.PositiveClass, 2, nameof(predictions));
        var scores = new double[predictions.TrueClasses.Length];
        for (var row = 0; row < scores.Length; row++)
            scores[row] = predictions.Probabilities[row * 2 + predictions.PositiveClass];
        return scores;
    }

    private static double OneVsOne(in ClassificationPredictions predictions, MetricAverage average, string name)
    {
        if (!predictions.Weights.IsEmpty)
            throw new ArgumentException($"'{name}' does not take sample weights (scikit-learn 1.2 refuses them too); score without weights or use 'roc_auc_ovr_weighted'.", nameof(predictions));
        return RankingMetrics.RocAucOneVsOne(predictions.TrueClasses, predictions.Probabilities, predictions.ClassCount, average);
    }

    private static double MaxError(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights) =>
        weights.IsEmpty
            ? RegressionMetrics.MaxError(trueValues, predictedValues)
            : throw new ArgumentException("'max_error' takes no sample weights (scikit-learn's max_error has no sample_weight argument); score without weights.", nameof(weights));
}
