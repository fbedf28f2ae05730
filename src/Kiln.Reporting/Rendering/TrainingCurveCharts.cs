using Kiln.Core.Learners;

namespace Kiln.Reporting.Rendering;

// Groups recorded curves into charts, one per metric: train_<metric> and validation_<metric> share the chart <metric>
// (train first), and a name without either prefix (oob_score) is a chart of its own. Charts come in the order of their
// first series in the input, so the report is as deterministic as the recorded names.
internal static class TrainingCurveCharts
{
    public static IReadOnlyList<(string Metric, MetricSeries[] Series)> Group(IReadOnlyList<MetricSeries> curves)
    {
        var charts = new List<(string Metric, List<MetricSeries> Series)>();
        foreach (var curve in curves)
        {
            var metric = Metric(curve.Name);
            var index = charts.FindIndex(chart => chart.Metric == metric);
            if (index < 0)
                charts.Add((metric, [curve]));
            else
                charts[index].Series.Add(curve);
        }
        return [.. charts.Select(chart => (chart.Metric, chart.Series.OrderBy(series => Rank(series.Name)).ToArray()))];
    }

    public static string Metric(string name) =>
        name.StartsWith(TrainingCurve.TrainPrefix, StringComparison.Ordinal) && name.Length > TrainingCurve.TrainPrefix.Length
            ? name[TrainingCurve.TrainPrefix.Length..]
            : name.StartsWith(TrainingCurve.ValidationPrefix, StringComparison.Ordinal) && name.Length > TrainingCurve.ValidationPrefix.Length
                ? name[TrainingCurve.ValidationPrefix.Length..]
                : name;

    private static int Rank(string name) =>
        name.StartsWith(TrainingCurve.TrainPrefix, StringComparison.Ordinal) ? 0
        : name.StartsWith(TrainingCurve.ValidationPrefix, StringComparison.Ordinal) ? 1
        : 2;
}
