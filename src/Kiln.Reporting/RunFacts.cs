using Kiln.Core.Metrics;

namespace Kiln.Reporting;

/// <summary>The facts that identify a run: names, task, seed, data, times and the Kiln version.</summary>
public sealed record RunFacts
{
    /// <summary>The model's name from kiln.yaml.</summary>
    public required string ModelName { get; init; }

    /// <summary>The run's unique job name.</summary>
    public required string JobName { get; init; }

    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The namespace the run belongs to.</summary>
    /// <value>Default "default".</value>
    public string Namespace { get; init; } = "default";

    /// <summary>Classification or regression.</summary>
    public required MetricTask Task { get; init; }

    /// <summary>The name of the metric that selected the model, e.g. accuracy or rmse.</summary>
    public required string Metric { get; init; }

    /// <summary>The run's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The target column's name.</summary>
    public required string Target { get; init; }

    /// <summary>The data file the run read.</summary>
    public required DataFacts Data { get; init; }

    /// <summary>When the run started; null when unknown.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run ended; null when unknown.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The Kiln version that made the run.</summary>
    public required string KilnVersion { get; init; }
}
