using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Core.Persistence;
using Kiln.Core.Profiling;
using Kiln.Reporting;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;
using ReportCategory = Kiln.Reporting.CategoryCount;

namespace Kiln.Workflow.Steps;

/// <summary>Fills the report's model (<see cref="RunReport"/>) from a finished run: the profile, the score table, the chosen model and the test evaluation with its plots' data.</summary>
internal static class RunReportBuilder
{
    // The score table's columns after the selection metric: the metrics a reader compares first.
    private static readonly string[] ClassificationColumns = ["accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "roc_auc_ovr_macro", "log_loss"];
    private static readonly string[] RegressionColumns = ["rmse", "mae", "r2", "explained_variance", "mape"];

    public static RunReport Build(RunState state)
    {
        var config = state.Resolved;
        var ingest = state.Ingest;
        var profile = state.Profile;
        var task = config.Task == LearnerTask.Classification ? MetricTask.Classification : MetricTask.Regression;
        var holdout = state.Split.Holdout;
        return new RunReport
        {
            Run = new RunFacts
            {
                ModelName = config.Name,
                JobName = state.Identity.JobName,
                RunId = state.Identity.RunId,
                Namespace = config.Namespace,
                Task = task,
                Metric = config.Metric,
                Seed = config.Seed,
                Target = config.Target,
                Data = new DataFacts(ingest.Source.Path, ingest.RowsRead, ingest.Schema.Count, ingest.Sha256),
                StartedAt = state.Identity.StartedAt,
                EndedAt = state.Options.TimeProvider.GetUtcNow(),
                KilnVersion = ModelBundle.KilnVersion,
            },
            Data = new DataSummary
            {
                FeatureCount = ingest.Schema.Features.Count(),
                IgnoredColumns = config.Ignore,
                MissingCellCount = profile.Columns.Sum(column => (long)column.MissingCount),
                RowsWithMissingTarget = ingest.MissingTargetRows.Length,
                DuplicateRowCount = profile.DuplicateRowCount,
                Split = new SplitSizes(holdout.Train.Length, holdout.Validation.Length, holdout.Test.Length),
            },
            Columns = [.. profile.Columns.Select(Column)],
            ClassBalance = [.. (profile.Target?.Classes ?? []).Select(share => new ReportCategory(share.Label, share.Count))],
            Warnings = [.. state.Warnings.Select(message => Warning(message, profile))],
            Selection = Selection(state),
            Model = new ChosenModel
            {
                Name = state.Selection.Candidate.Label,
                Options = Options(state.Selection.Candidate.Options),
                Description = LearnerCatalog.Get(state.Selection.Candidate.Name).Description,
                TrainingRowCount = state.Split.Development.Length,
                Diagnostics = state.Preparation.Diagnostics,
                Training = Training(state.Curves, state.Split.Development.Length, state.FoldCurves.GetValueOrDefault(state.Selection.Candidate.Label)),
            },
            Test = Test(state),
        };
    }

    private static ColumnSummary Column(ColumnProfile column) => new()
    {
        Name = column.Name,
        Kind = column.Kind,
        Role = column.Role.ToString().ToLowerInvariant(),
        MissingCount = column.MissingCount,
        DistinctCount = column.DistinctCount,
        Mean = column.Numeric?.Mean,
        StandardDeviation = column.Numeric?.StandardDeviation,
        Min = column.Numeric?.Min,
        Max = column.Numeric?.Max,
        Earliest = column.DateTime is { } dates ? new DateTimeOffset(dates.Min, TimeSpan.Zero) : null,
        Latest = column.DateTime is { } range ? new DateTimeOffset(range.Max, TimeSpan.Zero) : null,
        TopCategories = column.Categorical is { } categorical
            ? [.. categorical.Categories.Select(category => new ReportCategory(category.Name, category.Count))]
            : column.Boolean is { } flags
                ? [new ReportCategory("true", flags.TrueCount), new ReportCategory("false", flags.FalseCount)]
                : [],
        Histogram = column.Numeric?.Histogram is { Counts.Count: > 0 } histogram
            ? new HistogramData([.. histogram.BinEdges], [.. histogram.Counts.Select(count => (long)count)])
            : null,
    };

    private static ReportWarning Warning(string message, TableProfile profile)
    {
        if (profile.Warnings.FirstOrDefault(warning => warning.Message == message) is not { } found)
            return new ReportWarning(WarningSeverity.Warning, message);
        var severity = found.Code == ProfileWarningCodes.TargetLeakage ? WarningSeverity.Critical : WarningSeverity.Warning;
        return new ReportWarning(severity, message, found.Column);
    }

    private static ModelSelectionSummary Selection(RunState state)
    {
        var config = state.Resolved;
        var metric = state.Metric;
        var available = state.Baseline.Metrics.Select(summary => summary.Name).ToHashSet(StringComparer.Ordinal);
        var columns = new[] { metric.Name }
            .Concat(config.Task == LearnerTask.Classification ? ClassificationColumns : RegressionColumns)
            .Where(available.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var method = config.Validation.Method!.Value;
        var validation = method == ValidationMethod.Holdout
            ? string.Create(CultureInfo.InvariantCulture, $"holdout: fitted on {state.Split.Holdout.Train.Length} train rows, scored on {state.Split.Holdout.Validation.Length} validation rows")
            : string.Create(CultureInfo.InvariantCulture,
                $"{(method == ValidationMethod.StratifiedKFold ? "stratified " : string.Empty)}{config.Validation.Folds}-fold cross-validation, {config.Validation.Repeats} {(config.Validation.Repeats == 1 ? "repeat" : "repeats")}, over {state.Split.Development.Length} train and validation rows");
        var selected = state.Selection.Scores.Label;
        return new ModelSelectionSummary
        {
            SelectionMetric = metric.Name,
            HigherIsBetter = metric.GreaterIsBetter,
            Metrics = columns,
            ValidationMethod = validation,
            Candidates = [Candidate(state.Baseline, isBaseline: true, isSelected: false), .. state.Candidates.Select(scores => Candidate(scores, isBaseline: false, scores.Label == selected))],
        };
    }

    private static CandidateResult Candidate(CandidateScores scores, bool isBaseline, bool isSelected) => new()
    {
        Name = scores.Label,
        Options = Options(scores.Options),
        Scores = scores.Metrics.Where(metric => metric is { Mean: not null, Std: not null })
            .ToDictionary(metric => metric.Name, metric => new ScoreSummary(metric.Mean!.Value, metric.Std!.Value), StringComparer.Ordinal),
        IsBaseline = isBaseline,
        IsSelected = isSelected,
        Failure = scores.Error,
    };

    private static Dictionary<string, string> Options(IReadOnlyList<KeyValuePair<string, HyperparameterValue>> options) =>
        options.ToDictionary(option => option.Key, option => option.Value.ToString(), StringComparer.Ordinal);

    private static TrainingHistory? Training(RecordedCurves curves, int rows, IReadOnlyList<FoldCurves>? folds)
    {
        if (curves.Curves.Count == 0)
            return null;
        var heldOut = curves.Curves.Any(curve => curve.Name.StartsWith(TrainingCurve.ValidationPrefix, StringComparison.Ordinal));
        var note = string.Create(CultureInfo.InvariantCulture, $"Recorded while the chosen model was refitted on the {rows:N0} train and validation rows. ") +
            (heldOut
                ? "train_ values are measured on the rows the learner fitted, validation_ values on the share it held out of those rows for early stopping; the test rows were never used."
                : "The test rows were never used.");
        if (folds is not null && folds.Count > 1 && folds.All(fold => fold.Curves.BestStep is not null))
        {
            note += string.Create(CultureInfo.InvariantCulture,
                $" In cross-validation it stopped early at step {string.Join(", ", folds.Select(fold => fold.Curves.BestStep!.Value))} (one per fold; steps/fold_curves.json has their curves).");
        }
        return new TrainingHistory
        {
            Curves = [.. curves.Curves.Select(curve => new MetricSeries(curve.Name, [.. curve.Points.Select(point => point.Step)], [.. curve.Points.Select(point => point.Value)]))],
            BestStep = curves.BestStep,
            Note = note,
        };
    }

    private static TestEvaluation Test(RunState state)
    {
        var scored = state.Test;
        var metrics = scored.Report.Metrics.Where(metric => metric.Succeeded && metric.PerClass is null && double.IsFinite(metric.Value))
            .Select(metric => new MetricValue(metric.Name, metric.Value))
            .ToArray();
        if (scored.Report is not ClassificationReport classification)
        {
            var actual = scored.Rows.Select(row => state.Data.Values![row]).ToArray();
            return new TestEvaluation { RowCount = scored.Rows.Length, Metrics = metrics, Regression = new RegressionResults(new PredictionSample(actual, scored.Predicted)) };
        }
        var classes = classification.Classes;
        var codes = scored.Rows.Select(row => state.Data.Labels!.Codes[row]).ToArray();
        // One curve for the positive class of a binary task, one per class (one-vs-rest) otherwise, as the report describes.
        var curveClasses = classification.PositiveClass is { } positive ? [positive] : Enumerable.Range(0, classes.Count).ToArray();
        var roc = new List<Curve>();
        var precisionRecall = new List<Curve>();
        foreach (var c in curveClasses)
        {
            var scores = Enumerable.Range(0, codes.Length).Select(i => scored.Probabilities![i * classes.Count + c]).ToArray();
            var isPositive = codes.Select(code => code == c).ToArray();
            if (isPositive.All(flag => flag) || !isPositive.Any(flag => flag))
                continue;
            var (rocCurve, prCurve) = ScoreCurves.Build(classes[c], isPositive, scores);
            roc.Add(rocCurve);
            precisionRecall.Add(prCurve);
        }
        return new TestEvaluation
        {
            RowCount = scored.Rows.Length,
            Metrics = metrics,
            Classification = new ClassificationResults
            {
                ClassLabels = classes,
                ConfusionMatrix = [.. classification.ConfusionMatrix.ToRows().Select(row => row.Select(cell => (long)cell).ToArray())],
                RocCurves = roc,
                PrecisionRecallCurves = precisionRecall,
            },
        };
    }
}
