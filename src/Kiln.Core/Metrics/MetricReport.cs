namespace Kiln.Core.Metrics;

/// <summary>A named list of metric results, each a value or the reason it is undefined: the common shape of <see cref="ClassificationReport"/> and <see cref="RegressionReport"/>.</summary>
public abstract class MetricReport
{
    private readonly MetricResult[] _metrics;

    private protected MetricReport(MetricResult[] metrics) => _metrics = metrics;

    /// <summary>The metrics, in a fixed order.</summary>
    public IReadOnlyList<MetricResult> Metrics => _metrics;

    /// <summary>The metric named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The report has no such metric; the message lists the ones it has.</exception>
    public MetricResult this[string name] => TryGetMetric(name, out var metric)
        ? metric
        : throw new KeyNotFoundException($"The report has no metric '{name}'. It has: {string.Join(", ", _metrics.Select(m => m.Name))}.");

    /// <summary>Looks a metric up by name.</summary>
    public bool TryGetMetric(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricResult? metric)
    {
        metric = Array.Find(_metrics, m => m.Name == name);
        return metric is not null;
    }
}
