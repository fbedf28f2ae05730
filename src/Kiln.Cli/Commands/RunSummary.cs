using System.Globalization;
using Kiln.Core.Metrics;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;

namespace Kiln.Cli.Commands;

/// <summary>The table <c>kiln run</c> ends with: the candidates' validation scores beside the baseline's, the choice, the test metrics and the output folder.</summary>
internal static class RunSummary
{
    public static void Write(TextWriter output, RunResult result)
    {
        var config = result.Config;
        var metric = MetricCatalog.Get(config.Metric);
        var validation = config.Validation.Method == ValidationMethod.Holdout
            ? "holdout (fit on train, score on validation)"
            : string.Create(CultureInfo.InvariantCulture,
                $"{(config.Validation.Method == ValidationMethod.StratifiedKFold ? "stratified k-fold" : "k-fold")}, {config.Validation.Folds} folds × {config.Validation.Repeats}");
        output.WriteLine($"job        {result.Identity.JobName} (run {result.Identity.RunId})");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"data       {result.RowsRead} rows, {result.RowsMissingTarget} without a target left out; {result.SplitSizes.Train} train, {result.SplitSizes.Validation} validation, {result.SplitSizes.Test} test"));
        output.WriteLine($"task       {config.Task.ToString().ToLowerInvariant()}, target '{config.Target}', selected by {metric.Name} ({(metric.GreaterIsBetter ? "greater" : "smaller")} is better), validation {validation}");
        output.WriteLine();

        var rows = new List<string[]> { new[] { "candidate", $"{metric.Name} mean ± std", "vs baseline", string.Empty } };
        rows.Add([$"{result.Baseline.Label} (baseline)", Score(result.Baseline, metric.Name), string.Empty, string.Empty]);
        foreach (var candidate in result.Candidates)
        {
            var difference = candidate.Metric(metric.Name)?.Mean is { } mean && result.Baseline.Metric(metric.Name)?.Mean is { } baseline
                ? (metric.GreaterIsBetter ? mean - baseline : baseline - mean).ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture)
                : string.Empty;
            rows.Add([candidate.Label, candidate.Error is null ? Score(candidate, metric.Name) : "failed", difference, candidate.Label == result.Selected ? "selected" : string.Empty]);
        }
        WriteTable(output, rows);
        output.WriteLine();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test: {result.Selected} refitted on train + validation, scored once on the {result.SplitSizes.Test} sealed test rows"));
        var classification = result.Test as ClassificationReport;
        MetricsText.Write(output, result.Test.Metrics, classification?.ConfusionMatrix, classification?.Classes);
        output.WriteLine();
        output.WriteLine($"output     {result.JobDirectory}");
        if (result.Warnings.Count > 0)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warnings   {result.Warnings.Count} (printed above and kept in metrics.json)"));
    }

    private static string Score(CandidateScores scores, string metric) =>
        scores.Metric(metric) is { Mean: { } mean, Std: { } std }
            ? string.Create(CultureInfo.InvariantCulture, $"{mean:0.0000} ± {std:0.0000}")
            : "undefined";

    private static void WriteTable(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
    }
}
