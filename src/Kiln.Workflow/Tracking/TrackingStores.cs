using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tracking;

/// <summary>Opens the run store that <see cref="TrackingSettings"/> name, and ends the runs whose process died.</summary>
public static class TrackingStores
{
    /// <summary>How long a running run may stay silent before a later command ends it as killed.</summary>
    /// <remarks>A running <c>kiln run</c> beats every <see cref="RunTracking.DefaultHeartbeatInterval"/>; this allows for many missed beats.</remarks>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(2);

    /// <summary>Whether the settings' run store exists yet (a SQLite store is a file made by the first run).</summary>
    public static bool Exists(TrackingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Tracking is not null || File.Exists(Path.Combine(settings.StoreRoot, SqliteRunStore.FileName));
    }

    /// <summary>Opens the run store of <paramref name="settings"/>, after checking (and, for a run, claiming) the store's environment.</summary>
    /// <param name="settings">The resolved settings.</param>
    /// <param name="time">The clock of the store's start and end times.</param>
    /// <param name="claim">Whether to mark a store without a marker as the settings' environment's (a run writes; <c>kiln runs</c> only checks).</param>
    /// <exception cref="KilnException">The store belongs to the other environment, or cannot be opened.</exception>
    public static IRunStore Open(TrackingSettings settings, TimeProvider time, bool claim)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        if (claim)
            EnvironmentMarker.Claim(settings.StoreRoot, settings.Environment);
        else
            EnvironmentMarker.Check(settings.StoreRoot, settings.Environment);
        return RunStores.Open(settings.Tracking, settings.StoreRoot, time);
    }

    /// <summary>Ends the runs of <paramref name="store"/> silent for longer than <see cref="Silence"/> (their process died) as killed; returns their ids.</summary>
    public static IReadOnlyList<string> EndSilentRuns(IRunStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        return store.MarkStaleRunsKilled(Silence);
    }
}
