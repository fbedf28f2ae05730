using System.Globalization;
using Kiln.Core.Metrics;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Steps;

/// <summary>How scores read in progress lines and summaries.</summary>
internal static class Summary
{
    /// <summary>A number with 4 decimals for the values metrics take.</summary>
    public static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary><c>accuracy 0.9912 ± 0.0081</c>, or why the metric has no value.</summary>
    public static string Score(CandidateScores scores, string metric) =>
        scores.Metric(metric) is { Mean: { } mean, Std: { } std }
            ? $"{metric} {Number(mean)} ± {Number(std)}"
            : $"{metric} undefined ({scores.Metric(metric)?.Error ?? scores.Error ?? "not computed"})";

    /// <summary>How much better <paramref name="candidate"/> is than <paramref name="baseline"/> by <paramref name="metric"/> (positive is better, whichever way the metric goes), or <see langword="null"/>.</summary>
    public static double? Improvement(CandidateScores candidate, CandidateScores baseline, MetricDefinition metric)
    {
        if (candidate.Metric(metric.Name)?.Mean is not { } mine || baseline.Metric(metric.Name)?.Mean is not { } theirs)
            return null;
        return metric.GreaterIsBetter ? mine - theirs : theirs - mine;
    }

    /// <summary>In how many folds <paramref name="candidate"/> scored strictly better than <paramref name="baseline"/> by <paramref name="metric"/>.</summary>
    public static int FoldsBetter(CandidateScores candidate, CandidateScores baseline, MetricDefinition metric)
    {
        var mine = candidate.Metric(metric.Name)?.Folds ?? [];
        var theirs = baseline.Metric(metric.Name)?.Folds ?? [];
        var count = 0;
        for (var fold = 0; fold < Math.Min(mine.Count, theirs.Count); fold++)
        {
            if (mine[fold] is { } a && theirs[fold] is { } b && metric.IsBetter(a, b))
                count++;
        }
        return count;
    }

    /// <summary><c>0.5487 better than the baseline, better in 5 of 5 folds</c>.</summary>
    public static string VersusBaseline(CandidateScores candidate, CandidateScores baseline, MetricDefinition metric)
    {
        if (Improvement(candidate, baseline, metric) is not { } difference)
            return "not comparable with the baseline";
        var folds = $"better in {FoldsBetter(candidate, baseline, metric)} of {candidate.Metric(metric.Name)!.Folds.Count} folds";
        return difference == 0
            ? $"equal to the baseline, {folds}"
            : $"{Number(Math.Abs(difference))} {(difference > 0 ? "better" : "worse")} than the baseline, {folds}";
    }
}
