namespace Kiln.Workflow.Tracking;

/// <summary>Signs of life of running runs: a running <c>kiln run</c> beats every few seconds, and a run silent for too long is ended as killed.</summary>
/// <remarks>
/// <see cref="TagLiveness"/> keeps the beat in a tag with the store's present methods; a store with a heartbeat column of its
/// own implements the same two calls natively (<see cref="TrackingStores.Liveness"/> is the one place that picks).
/// </remarks>
internal interface IRunLiveness
{
    /// <summary>Records now as the run's last sign of life.</summary>
    void Beat(string runId);

    /// <summary>Ends every running run silent for longer than <paramref name="silence"/> as killed; returns their ids.</summary>
    IReadOnlyList<string> EndSilentRuns(TimeSpan silence);
}
