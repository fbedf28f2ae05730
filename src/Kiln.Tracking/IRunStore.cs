namespace Kiln.Tracking;

/// <summary>Where runs, their parameters, metric histories, tags and status are recorded.</summary>
/// <remarks>
/// Implementations are safe for concurrent use from several threads, and several instances (in one process or in
/// several) may write to the same store at once. Failures a user can cause (a taken job name, an unknown run, a bad
/// name) throw <see cref="Core.KilnException"/> or <see cref="ArgumentException"/> with a message that says what to do.
/// </remarks>
public interface IRunStore : IDisposable
{
    /// <summary>Records a new run with status <see cref="RunStatus.Running"/>, started now.</summary>
    /// <returns>The run as recorded.</returns>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    /// <exception cref="Core.KilnException">The id or the job name (in the namespace) is taken, or the parent does not exist.</exception>
    Run CreateRun(NewRun run);

    /// <summary>Records parameters; a key already logged may be logged again only with the same value.</summary>
    void LogParameters(string runId, IReadOnlyDictionary<string, string> parameters);

    /// <summary>Records metric values in one batch: all of them or, on an error, none.</summary>
    /// <exception cref="Core.KilnException">A (key, step) already has a value, or the run is unknown.</exception>
    void LogMetrics(string runId, IReadOnlyList<MetricPoint> points);

    /// <summary>Sets tags; a tag set again takes the new value.</summary>
    void SetTags(string runId, IReadOnlyDictionary<string, string> tags);

    /// <summary>Ends a running run with <paramref name="status"/> and the current time.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="RunStatus.Running"/>.</exception>
    /// <exception cref="Core.KilnException">The run has already ended, or is unknown.</exception>
    void EndRun(string runId, RunStatus status);

    /// <summary>
    /// Records now as the last sign of life of a running run and of its running child runs (the process that writes a
    /// run writes its children too). <see cref="CreateRun"/> records the first. A run that has ended is left as it is.
    /// </summary>
    /// <exception cref="Core.KilnException">The run is unknown.</exception>
    void Heartbeat(string runId);

    /// <summary>
    /// Ends, with status <see cref="RunStatus.Killed"/> and the current time, every running run whose last heartbeat is
    /// older than <paramref name="silence"/>, and the running child runs of those; safe when several processes call it
    /// at once (each run is ended by one of them).
    /// </summary>
    /// <param name="silence">How long a running run may go without a heartbeat; zero or more.</param>
    /// <returns>The ids of the runs this call ended, in ordinal order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="silence"/> is negative.</exception>
    IReadOnlyList<string> MarkStaleRunsKilled(TimeSpan silence);

    /// <summary>Deletes the run <paramref name="runId"/> and every run under it (its children and theirs), with their parameters, metric histories and tags, in one transaction.</summary>
    /// <returns>How many runs were deleted (at least 1).</returns>
    /// <exception cref="Core.KilnException">The run is unknown.</exception>
    /// <remarks>The run's artifacts are not the store's: whoever deletes a run deletes its job folder too.</remarks>
    int DeleteRun(string runId);

    /// <summary>The run with <paramref name="runId"/>, or null when there is none.</summary>
    Run? GetRun(string runId);

    /// <summary>Every metric value of a run, ordered by key, then step.</summary>
    /// <exception cref="Core.KilnException">The run is unknown.</exception>
    IReadOnlyList<MetricPoint> GetMetrics(string runId);

    /// <summary>The runs that pass <paramref name="filter"/>, oldest first (then by id).</summary>
    IReadOnlyList<Run> ListRuns(RunFilter filter);
}
