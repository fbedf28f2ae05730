using Kiln.Core.Learners;

namespace Kiln.Workflow.Steps;

/// <summary>The metric sink of a fit whose training curves the run keeps: collects every recorded value, from any thread.</summary>
/// <remarks>
/// <see cref="Snapshot"/> orders the metrics by name and each metric's points by step (points of one step in the order
/// recorded), so the curves do not depend on thread timing as long as the learner records each step once.
/// <see cref="TrainingCurve.BestStep"/> is not a curve: its last recorded step becomes <see cref="RecordedCurves.BestStep"/>.
/// </remarks>
internal sealed class CurveRecorder : IMetricSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<CurvePoint>> _metrics = new(StringComparer.Ordinal);
    private long? _bestStep;

    public void Record(string name, long step, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (name == TrainingCurve.BestStep)
            {
                _bestStep = step;
                return;
            }
            if (!_metrics.TryGetValue(name, out var points))
                _metrics[name] = points = [];
            points.Add(new CurvePoint(step, value));
        }
    }

    public RecordedCurves Snapshot()
    {
        lock (_gate)
        {
            var curves = _metrics
                .OrderBy(metric => metric.Key, StringComparer.Ordinal)
                .Select(metric => new RecordedCurve(metric.Key, [.. metric.Value.OrderBy(point => point.Step)]))
                .ToArray();
            return new RecordedCurves(curves, _bestStep);
        }
    }
}
