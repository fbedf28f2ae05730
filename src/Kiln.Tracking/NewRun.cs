namespace Kiln.Tracking;

/// <summary>What the caller knows about a run when it starts; the store adds the status and the start time.</summary>
public sealed record NewRun
{
    /// <summary>The run's id, unique in the store (<see cref="TrackingNames.Rule"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The job name, unique within <see cref="Namespace"/> (<see cref="TrackingNames.Rule"/>).</summary>
    public required string JobName { get; init; }

    /// <summary>The namespace (<see cref="TrackingNames.Rule"/>).</summary>
    public required string Namespace { get; init; }

    /// <summary>The environment.</summary><value>Default <see cref="RunEnvironment.Develop"/>.</value>
    public RunEnvironment Environment { get; init; } = RunEnvironment.Develop;

    /// <summary>The id of the parent run for a child run (a candidate, a fold); null for a top-level run.</summary>
    public string? ParentId { get; init; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>The version (content hash) of the data the run read, when known.</summary>
    public string? DataVersion { get; init; }

    /// <summary>The version of the code (a git commit), when known.</summary>
    public string? CodeVersion { get; init; }

    /// <summary>The machine the run ran on.</summary>
    public required string Host { get; init; }
}
