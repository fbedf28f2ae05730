namespace Kiln.Core.Metrics;

/// <summary>Every classification metric that applies to one set of predictions, each a value or the reason it is undefined.</summary>
/// <remarks>
/// <para>Names and values follow scikit-learn 1.2 (see tests/reference/metrics_cases.json). For two classes the report
/// has the binary metrics of the positive class; for more, per-class scores and the multiclass ROC AUC, average
/// precision and weighted kappas. Metrics of probabilities appear only when probabilities are given.</para>
/// <para>A metric that is undefined or refused for this input (ROC AUC with one class present, one-vs-one ROC AUC with
/// sample weights, …) is recorded as an error message, so it never hides the others. Invalid input as a whole
/// (lengths, class codes, weights, probabilities outside [0, 1]) throws instead.</para>
/// </remarks>
public sealed class ClassificationReport : MetricReport
{
    private readonly string[] _classes;

    private ClassificationReport(string[] classes, int? positiveClass, ConfusionMatrix matrix, MetricResult[] metrics, bool hasProbabilities)
        : base(metrics)
    {
        _classes = classes;
        PositiveClass = positiveClass;
        ConfusionMatrix = matrix;
        HasProbabilities = hasProbabilities;
    }

    /// <summary>The class names, in class-code order; also the order of the confusion matrix and of per-class values.</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The code of the positive class for a binary report; <see langword="null"/> for more than two classes.</summary>
    public int? PositiveClass { get; }

    /// <summary>Whether the report has two classes and so the binary metrics.</summary>
    public bool IsBinary => PositiveClass is not null;

    /// <summary>Whether probabilities were given, so the report has the probability metrics.</summary>
    public bool HasProbabilities { get; }

    /// <summary>The confusion matrix over every class (rows true, columns predicted), weighted when weights were given.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>Computes every metric that applies.</summary>
    /// <param name="trueClasses">The true class code of each row, into <paramref name="classes"/>.</param>
    /// <param name="predictedClasses">The predicted class code of each row.</param>
    /// <param name="probabilities">Row-major class probabilities (<paramref name="classes"/>.Count per row), or empty when there are none.</param>
    /// <param name="classes">The class names in code order (see <see cref="Learners.ClassLabels.Sort"/>).</param>
    /// <param name="positiveClass">For two classes, the code of the positive class; default 1, the second class, as scikit-learn's <c>pos_label=1</c> for 0/1 labels. Must be null for more classes.</param>
    /// <param name="weights">One non-negative sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">The inputs as a whole are invalid: lengths differ, a code is out of range, a probability is not in [0, 1], a weight is negative, or a positive class is given for more than two classes.</exception>
    public static ClassificationReport Compute(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, ReadOnlySpan<double> probabilities, IReadOnlyList<string> classes, int? positiveClass = null, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var classNames = classes.ToArray();
        var classCount = classNames.Length;
        var matrix = ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights);
        var hasProbabilities = !probabilities.IsEmpty;
        if (hasProbabilities)
            MetricInputs.RequireProbabilities(probabilities, trueClasses.Length, classCount, nameof(probabilities));
        int? positive = null;
        if (classCount == 2)
        {
            positive = positiveClass ?? 1;
            MetricInputs.RequirePositiveClass(positive.Value, 2, nameof(positiveClass));
        }
        else if (positiveClass is not null)
        {
            throw new ArgumentException($"A positive class applies only to two classes, but there are {classCount}: {string.Join(", ", classNames)}.", nameof(positiveClass));
        }

        var input = new Input(trueClasses.ToArray(), predictedClasses.ToArray(), probabilities.ToArray(), weights.ToArray(), classCount);
        var metrics = new List<MetricResult>();
        metrics.Add(Evaluate("accuracy", () => ClassificationMetrics.Accuracy(input.TrueClasses, input.PredictedClasses, input.Weights)));
        metrics.Add(Evaluate("balanced_accuracy", () => ClassificationMetrics.BalancedAccuracy(matrix)));
        if (positive is { } p)
        {
            metrics.Add(Evaluate("precision_binary", () => ClassificationMetrics.BinaryPrecision(matrix, p)));
            metrics.Add(Evaluate("recall_binary", () => ClassificationMetrics.BinaryRecall(matrix, p)));
            metrics.Add(Evaluate("f1_binary", () => ClassificationMetrics.BinaryF1(matrix, p)));
        }
        foreach (var (average, suffix) in new[] { (MetricAverage.Macro, "macro"), (MetricAverage.Micro, "micro"), (MetricAverage.Weighted, "weighted") })
        {
            metrics.Add(Evaluate($"precision_{suffix}", () => ClassificationMetrics.Precision(matrix, average)));
            metrics.Add(Evaluate($"recall_{suffix}", () => ClassificationMetrics.Recall(matrix, average)));
            metrics.Add(Evaluate($"f1_{suffix}", () => ClassificationMetrics.F1(matrix, average)));
        }
        if (positive is null)
        {
            metrics.Add(MetricResult.FromPerClass("precision_per_class", ClassificationMetrics.PrecisionPerClass(matrix)));
            metrics.Add(MetricResult.FromPerClass("recall_per_class", ClassificationMetrics.RecallPerClass(matrix)));
            metrics.Add(MetricResult.FromPerClass("f1_per_class", ClassificationMetrics.F1PerClass(matrix)));
        }
        if (hasProbabilities)
            AddProbabilityMetrics(metrics, input, classNames, positive);
        metrics.Add(Evaluate("matthews_corrcoef", () => ClassificationMetrics.MatthewsCorrelation(matrix)));
        metrics.Add(Evaluate("cohen_kappa", () => ClassificationMetrics.CohenKappa(matrix)));
        if (positive is null)
        {
            metrics.Add(Evaluate("cohen_kappa_linear", () => ClassificationMetrics.CohenKappa(matrix, KappaWeighting.Linear)));
            metrics.Add(Evaluate("cohen_kappa_quadratic", () => ClassificationMetrics.CohenKappa(matrix, KappaWeighting.Quadratic)));
        }
        return new ClassificationReport(classNames, positive, matrix, [.. metrics], hasProbabilities);
    }

    private static void AddProbabilityMetrics(List<MetricResult> metrics, Input input, string[] classNames, int? positive)
    {
        var classCount = input.ClassCount;
        if (positive is { } p)
        {
            var scores = new double[input.TrueClasses.Length];
            for (var row = 0; row < scores.Length; row++)
                scores[row] = input.Probabilities[row * classCount + p];
            metrics.Add(Evaluate("roc_auc", () => RankingMetrics.RocAuc(input.TrueClasses, scores, p, input.Weights)));
            metrics.Add(Evaluate("average_precision", () => RankingMetrics.AveragePrecision(input.TrueClasses, scores, p, input.Weights)));
            metrics.Add(Evaluate("log_loss", () => ProbabilityMetrics.LogLoss(input.TrueClasses, input.Probabilities, classCount, input.Weights)));
            metrics.Add(Evaluate("brier_score", () => ProbabilityMetrics.BrierScore(input.TrueClasses, scores, p, input.Weights)));
            return;
        }
        var absent = AbsentClasses(input.TrueClasses, classNames);
        foreach (var (average, name) in new[] { (MetricAverage.Macro, "roc_auc_ovr_macro"), (MetricAverage.Weighted, "roc_auc_ovr_weighted") })
        {
            metrics.Add(absent.Length > 0
                ? MetricResult.FromError(name, $"One-vs-rest ROC AUC is undefined: {string.Join(", ", absent.Select(c => $"'{c}'"))} {(absent.Length == 1 ? "has" : "have")} no true rows, so {(absent.Length == 1 ? "its" : "their")} one-vs-rest problem has only one class (scikit-learn refuses this too).")
                : Evaluate(name, () => RankingMetrics.RocAucOneVsRest(input.TrueClasses, input.Probabilities, classCount, average, input.Weights)));
        }
        foreach (var (average, name) in new[] { (MetricAverage.Macro, "roc_auc_ovo_macro"), (MetricAverage.Weighted, "roc_auc_ovo_weighted") })
        {
            metrics.Add(input.Weights.Length > 0
                ? MetricResult.FromError(name, "One-vs-one ROC AUC does not take sample weights (scikit-learn 1.2 refuses them too); compute it without weights.")
                : Evaluate(name, () => RankingMetrics.RocAucOneVsOne(input.TrueClasses, input.Probabilities, classCount, average)));
        }
        metrics.Add(Evaluate("average_precision_ovr_macro", () => RankingMetrics.AveragePrecisionOneVsRest(input.TrueClasses, input.Probabilities, classCount, MetricAverage.Macro, input.Weights)));
        metrics.Add(Evaluate("average_precision_ovr_micro", () => RankingMetrics.AveragePrecisionOneVsRest(input.TrueClasses, input.Probabilities, classCount, MetricAverage.Micro, input.Weights)));
        metrics.Add(Evaluate("log_loss", () => ProbabilityMetrics.LogLoss(input.TrueClasses, input.Probabilities, classCount, input.Weights)));
        metrics.Add(Evaluate("brier_multiclass", () => ProbabilityMetrics.MulticlassBrierScore(input.TrueClasses, input.Probabilities, classCount, input.Weights)));
    }

    private static string[] AbsentClasses(int[] trueClasses, string[] classNames)
    {
        var present = new bool[classNames.Length];
        foreach (var code in trueClasses)
            present[code] = true;
        return classNames.Where((_, code) => !present[code]).ToArray();
    }

    private static MetricResult Evaluate(string name, Func<double> compute)
    {
        try
        {
            return MetricResult.FromValue(name, compute());
        }
        catch (ArgumentException exception)
        {
            return MetricResult.FromError(name, MetricErrors.Message(exception));
        }
    }

    private sealed record Input(int[] TrueClasses, int[] PredictedClasses, double[] Probabilities, double[] Weights, int ClassCount);
}
