using Kiln.Tracking;

namespace Kiln.Workflow.Tracking;

/// <summary>Where and how a run is recorded: the run store, the environment, the code version and the host.</summary>
/// <remarks>Given as <see cref="Runs.RunOptions.Tracking"/>; without it a run is not recorded (library use, most tests).</remarks>
public sealed record RunTracking
{
    /// <summary>How often a running run records a sign of life by default.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>The run store; the caller opens and disposes it.</summary>
    public required IRunStore Store { get; init; }

    /// <summary>The environment.</summary><value>Default <see cref="RunEnvironment.Develop"/>.</value>
    public RunEnvironment Environment { get; init; } = RunEnvironment.Develop;

    /// <summary>The code version (see <see cref="Tracking.CodeVersion.Of"/>), or <see langword="null"/> when unknown.</summary>
    public CodeVersion? Code { get; init; }

    /// <summary>The machine's name.</summary><value>Default <see cref="System.Environment.MachineName"/>.</value>
    public string Host { get; init; } = System.Environment.MachineName;

    /// <summary>How often the running run records a sign of life.</summary><value>Default <see cref="DefaultHeartbeatInterval"/>.</value>
    public TimeSpan HeartbeatInterval { get; init; } = DefaultHeartbeatInterval;
}
