using Kiln.Core.Metrics;
using Kiln.Workflow.Steps;

namespace Kiln.Workflow.Caching;

/// <summary>What one cross-validation fold of a candidate produced: its scalar metrics on the fold's test rows and the training curves its learner recorded.</summary>
internal sealed record FoldOutcome(IReadOnlyList<MetricResult> Metrics, RecordedCurves Curves)
{
    /// <summary>The scalar metrics of <paramref name="report"/> (per-class ones are not kept) and <paramref name="curves"/>.</summary>
    public static FoldOutcome From(MetricReport report, RecordedCurves curves) =>
        new(report.Metrics.Where(metric => metric.PerClass is null).ToArray(), curves);
}
