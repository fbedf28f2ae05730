using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Metrics;
using Kiln.TestKit;

namespace Kiln.Reporting.Tests;

/// <summary>
/// Report models for the writer's tests. Column statistics are computed here from the bundled data files; the selection
/// and test results are plausible fixed numbers (the writer only shows them), and the curves come from a seeded score.
/// </summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset Started = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static readonly string[] PenguinClasses = ["Adelie", "Chinstrap", "Gentoo"];

    public static readonly string[] ClassificationMetrics = ["accuracy", "balanced_accuracy", "f1_macro", "log_loss", "roc_auc_ovr"];

    /// <summary>A multiclass run on penguins.csv with every built-in part filled in.</summary>
    public static RunReport Penguins()
    {
        var table = TestData.ReadCsv("penguins.csv");
        var species = (CategoricalColumn)table["species"];
        var columns = table.Columns.Select(column => Profile(column, column.Name == "species" ? "target" : "feature")).ToArray();
        var balance = PenguinClasses.Select(label => new CategoryCount(label, Count(species, label))).ToArray();
        var random = new KilnRandom(11);
        return new RunReport
        {
            Run = Facts("penguins", MetricTask.Classification, "accuracy", "species", "data/penguins.csv", table),
            Data = new DataSummary
            {
                FeatureCount = 7,
                MissingCellCount = table.Columns.Sum(column => (long)column.MissingCount),
                RowsWithMissingTarget = 0,
                DuplicateRowCount = 0,
                Split = new SplitSizes(240, 52, 52),
            },
            Columns = columns,
            ClassBalance = balance,
            Warnings =
            [
                new ReportWarning(WarningSeverity.Warning, "11 rows have no value for sex; they are imputed with the most frequent value.", "sex"),
                new ReportWarning(WarningSeverity.Info, "year has only 3 distinct values; it is treated as a number.", "year"),
            ],
            Selection = new ModelSelectionSummary
            {
                SelectionMetric = "accuracy",
                HigherIsBetter = true,
                Metrics = ClassificationMetrics,
                ValidationMethod = "stratified 5-fold cross-validation, 1 repeat",
                Candidates =
                [
                    Candidate("dummy", [], [0.4417, 0.3333, 0.2043, 1.0612, 0.5], [0.0031, 0, 0.0012, 0.0021, 0], isBaseline: true),
                    Candidate("logistic_regression", [("c", "1.0"), ("max_iter", "100")], [0.9875, 0.9841, 0.9852, 0.0571, 0.9993],
                        [0.0102, 0.0131, 0.0120, 0.0190, 0.0008], isSelected: true),
                    Candidate("decision_tree", [("max_depth", "8"), ("criterion", "gini")], [0.9458, 0.9392, 0.9401, 1.9402, 0.9513],
                        [0.0210, 0.0254, 0.0240, 0.7331, 0.0188]),
                ],
            },
            Model = new ChosenModel
            {
                Name = "logistic_regression",
                Description = "multinomial logistic regression, L2 penalty, L-BFGS",
                Options = new Dictionary<string, string> { ["c"] = "1.0", ["max_iter"] = "100" },
                TrainingRowCount = 292,
                Diagnostics = ["Converged after 23 iterations."],
                FeatureImportances =
                [
                    new FeatureImportance("bill_length_mm", 0.312, 0.021), new FeatureImportance("bill_depth_mm", 0.118, 0.013),
                    new FeatureImportance("flipper_length_mm", 0.097, 0.011), new FeatureImportance("body_mass_g", 0.041, 0.008),
                    new FeatureImportance("island=Biscoe", 0.064, 0.009), new FeatureImportance("island=Dream", 0.052, 0.007),
                    new FeatureImportance("sex=male", 0.012, 0.004), new FeatureImportance("year", 0.002, 0.002),
                ],
            },
            Test = new TestEvaluation
            {
                RowCount = 52,
                Metrics = [new("accuracy", 0.9808), new("balanced_accuracy", 0.9744), new("f1_macro", 0.9771), new("log_loss", 0.0702), new("roc_auc_ovr", 0.9990)],
                Classification = new ClassificationResults
                {
                    ClassLabels = PenguinClasses,
                    ConfusionMatrix = [[23, 0, 0], [1, 10, 0], [0, 0, 18]],
                    RocCurves = PenguinClasses.Select(label => RocCurve(label, 52, random)).ToArray(),
                    PrecisionRecallCurves = PenguinClasses.Select((label, k) => PrecisionRecallCurve(label, 0.92 + (0.02 * k))).ToArray(),
                },
            },
        };
    }

    /// <summary>A regression run on diabetes.csv: residual and predicted-vs-actual plots instead of the classification ones.</summary>
    public static RunReport Diabetes()
    {
        var table = TestData.ReadCsv("diabetes.csv");
        var target = ((NumericColumn)table["target"]).Values.ToArray();
        var random = new KilnRandom(5);
        var predicted = target.Select(value => (0.55 * value) + 68 + (random.NextGaussian() * 40)).ToArray();
        return new RunReport
        {
            Run = Facts("diabetes", MetricTask.Regression, "rmse", "target", "data/diabetes.csv", table),
            Data = new DataSummary { FeatureCount = 10, Split = new SplitSizes(309, 66, 67) },
            Columns = table.Columns.Select(column => Profile(column, column.Name == "target" ? "target" : "feature")).ToArray(),
            Selection = new ModelSelectionSummary
            {
                SelectionMetric = "rmse",
                HigherIsBetter = false,
                Metrics = ["rmse", "mae", "r2"],
                ValidationMethod = "5-fold cross-validation, 1 repeat",
                Candidates =
                [
                    Candidate("dummy", [], [77.21, 65.43, -0.0102], [3.12, 2.75, 0.0093], isBaseline: true),
                    Candidate("linear_regression", [], [54.87, 44.31, 0.4871], [3.54, 2.98, 0.0610]),
                    Candidate("ridge", [("alpha", "1.0")], [54.62, 44.05, 0.4922], [3.41, 2.87, 0.0581], isSelected: true),
                    Candidate("decision_tree", [("max_depth", "4")], [62.18, 50.77, 0.3359], [4.87, 3.66, 0.0930]),
                ],
            },
            Model = new ChosenModel { Name = "ridge", Options = new Dictionary<string, string> { ["alpha"] = "1.0" }, TrainingRowCount = 375 },
            Test = new TestEvaluation
            {
                RowCount = target.Length,
                Metrics = [new("rmse", 53.91), new("mae", 43.77), new("r2", 0.4977)],
                Regression = new RegressionResults(new PredictionSample(target, predicted)),
            },
        };
    }

    /// <summary>
    /// A minimal report whose chosen model recorded a boosting-style training curve (train and validation loss, the
    /// validation loss lowest at step 12, where the learner stopped early) and an out-of-bag score.
    /// </summary>
    public static RunReport WithTrainingCurves(long? bestStep = 12)
    {
        long[] steps = [.. Enumerable.Range(1, 20).Select(step => (long)step)];
        return Minimal() with
        {
            Model = new ChosenModel
            {
                Name = "gradient_boosting",
                TrainingRowCount = 292,
                Training = new TrainingHistory
                {
                    Curves =
                    [
                        new MetricSeries("oob_score", steps, [.. steps.Select(step => 0.9 - (0.4 / step))]),
                        new MetricSeries("train_loss", steps, [.. steps.Select(step => 1.0 / step)]),
                        new MetricSeries("validation_loss", steps, [.. steps.Select(step => 0.3 + (0.002 * (step - 12) * (step - 12)))]),
                    ],
                    BestStep = bestStep,
                    Note = "Recorded while the chosen model was refitted on the 292 train and validation rows.",
                },
            },
        };
    }

    /// <summary>Only the facts every report has: no data summary, no selection, no test.</summary>
    public static RunReport Minimal() => new()
    {
        Run = new RunFacts
        {
            ModelName = "empty",
            JobName = "empty-1",
            RunId = "run-0",
            Task = MetricTask.Regression,
            Metric = "rmse",
            Seed = 0,
            Target = "y",
            Data = new DataFacts("data/empty.csv", 0, 1, "sha256:0"),
            KilnVersion = "0.1.0",
        },
    };

    public static RunFacts Facts(string name, MetricTask task, string metric, string target, string path, Table table) => new()
    {
        ModelName = name,
        JobName = $"{name}-try-1",
        RunId = "01JPB4Q7R2M8X6T3VZK9N5C0D1",
        Namespace = "examples",
        Task = task,
        Metric = metric,
        Seed = 42,
        Target = target,
        Data = new DataFacts(path, table.RowCount, table.ColumnCount, "sha256:9f2c4e7a1b3d5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4"),
        StartedAt = Started,
        EndedAt = Started.AddSeconds(83.4),
        KilnVersion = "0.1.0",
    };

    /// <summary>The statistics the profile step would give, computed plainly: moments, range, a 20-bin histogram or the top categories.</summary>
    public static ColumnSummary Profile(Column column, string role)
    {
        if (column is NumericColumn numeric)
        {
            var values = numeric.Values.ToArray().Where(double.IsFinite).ToArray();
            var mean = values.Average();
            var std = Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Length - 1));
            var (min, max) = (values.Min(), values.Max());
            const int Bins = 20;
            var edges = Enumerable.Range(0, Bins + 1).Select(i => min + ((max - min) * i / Bins)).ToArray();
            var counts = new long[Bins];
            foreach (var value in values)
                counts[Math.Min(Bins - 1, (int)((value - min) / (max - min) * Bins))]++;
            return new ColumnSummary
            {
                Name = column.Name, Kind = column.Kind, Role = role, MissingCount = column.MissingCount,
                DistinctCount = values.Distinct().Count(), Mean = mean, StandardDeviation = std, Min = min, Max = max,
                Histogram = new HistogramData(edges, counts),
            };
        }
        var categorical = (CategoricalColumn)column;
        var top = categorical.Categories.Select(category => new CategoryCount(category, Count(categorical, category)))
            .OrderByDescending(entry => entry.Count).ThenBy(entry => entry.Value, StringComparer.Ordinal).ToArray();
        return new ColumnSummary
        {
            Name = column.Name, Kind = column.Kind, Role = role, MissingCount = column.MissingCount,
            DistinctCount = categorical.Categories.Count, TopCategories = top,
        };
    }

    private static long Count(CategoricalColumn column, string category)
    {
        var code = column.CodeOf(category);
        var count = 0L;
        foreach (var value in column.Codes)
        {
            if (value == code)
                count++;
        }
        return count;
    }

    private static CandidateResult Candidate(
        string name, (string Key, string Value)[] options, double[] means, double[] deviations, bool isBaseline = false, bool isSelected = false)
    {
        var metrics = means.Length == ClassificationMetrics.Length ? ClassificationMetrics : ["rmse", "mae", "r2"];
        return new CandidateResult
        {
            Name = name,
            Options = options.ToDictionary(option => option.Key, option => option.Value),
            Scores = metrics.Select((metric, k) => (metric, k)).ToDictionary(entry => entry.metric, entry => new ScoreSummary(means[entry.k], deviations[entry.k])),
            IsBaseline = isBaseline,
            IsSelected = isSelected,
        };
    }

    // The ROC curve of a seeded scorer whose positives score 2.4 standard deviations higher, with its trapezoidal AUC.
    private static Curve RocCurve(string label, int rows, KilnRandom random)
    {
        var positives = Enumerable.Range(0, rows / 3).Select(_ => (Score: random.NextGaussian() + 2.4, IsPositive: true));
        var negatives = Enumerable.Range(0, rows - (rows / 3)).Select(_ => (Score: random.NextGaussian(), IsPositive: false));
        var ranked = positives.Concat(negatives).OrderByDescending(row => row.Score).ToArray();
        var (positiveTotal, negativeTotal) = (ranked.Count(row => row.IsPositive), ranked.Count(row => !row.IsPositive));
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var (truePositives, falsePositives) = (0, 0);
        foreach (var row in ranked)
        {
            if (row.IsPositive)
                truePositives++;
            else
                falsePositives++;
            fpr.Add((double)falsePositives / negativeTotal);
            tpr.Add((double)truePositives / positiveTotal);
        }
        var area = Enumerable.Range(1, fpr.Count - 1).Sum(i => (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2);
        return new Curve(label, fpr, tpr, area);
    }

    private static Curve PrecisionRecallCurve(string label, double area)
    {
        var recall = Enumerable.Range(0, 41).Select(i => i / 40.0).ToArray();
        var precision = recall.Select(value => 1 - (0.35 * Math.Pow(value, 6))).ToArray();
        return new Curve(label, recall, precision, area);
    }
}
