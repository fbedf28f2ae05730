namespace Kiln.Tracking;

/// <summary>Where a run is in its life. A run starts <see cref="Running"/> and ends in exactly one of the other states.</summary>
public enum RunStatus
{
    /// <summary>The run has started and not ended.</summary>
    Running,

    /// <summary>The run ended normally.</summary>
    Finished,

    /// <summary>The run ended with an error.</summary>
    Failed,

    /// <summary>The run was stopped from outside (cancelled, or its process died).</summary>
    Killed,
}
