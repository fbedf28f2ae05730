namespace Kiln.Core.Metrics;

/// <summary>The kind of prediction a metric scores.</summary>
public enum MetricTask
{
    /// <summary>Class labels, and for some metrics class probabilities.</summary>
    Classification,

    /// <summary>Numbers.</summary>
    Regression,
}
