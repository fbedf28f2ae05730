namespace Kiln.Tracking;

/// <summary>Which runs <see cref="IRunStore.ListRuns"/> returns; a property left null does not filter.</summary>
public sealed record RunFilter
{
    /// <summary>Every run.</summary>
    public static RunFilter All { get; } = new();

    /// <summary>Only runs in this namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only runs with this status.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Only the child runs of the run with this id.</summary>
    public string? ParentId { get; init; }

    /// <summary>Only top-level runs (runs without a parent) when true; cannot be combined with <see cref="ParentId"/>.</summary>
    public bool TopLevelOnly { get; init; }
}
