namespace Kiln.Tracking;

/// <summary>A run as the store records it; metric histories are read with <see cref="IRunStore.GetMetrics"/>.</summary>
public sealed record Run
{
    /// <summary>The run's id, unique in the store.</summary>
    public required string Id { get; init; }

    /// <summary>The job name, unique within the namespace.</summary>
    public required string JobName { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The environment.</summary>
    public required RunEnvironment Environment { get; init; }

    /// <summary>The parent run's id; null for a top-level run.</summary>
    public string? ParentId { get; init; }

    /// <summary>The status.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>When the run ended (UTC); null while it is running.</summary>
    public DateTimeOffset? Ended { get; init; }

    /// <summary>The last sign of life of the run's process (UTC): see <see cref="IRunStore.Heartbeat"/>.</summary>
    /// <value>Set by the store: the start time, or the time of the latest heartbeat.</value>
    public DateTimeOffset LastHeartbeat { get; init; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>The version (content hash) of the data the run read, when known.</summary>
    public string? DataVersion { get; init; }

    /// <summary>The version of the code (a git commit), when known.</summary>
    public string? CodeVersion { get; init; }

    /// <summary>The machine the run ran on.</summary>
    public required string Host { get; init; }

    /// <summary>The parameters, by key.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The tags, by key.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
