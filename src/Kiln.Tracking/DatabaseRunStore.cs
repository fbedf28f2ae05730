namespace Kiln.Tracking;

/// <summary>A run store in a database: <see cref="SqliteRunStore"/> and <see cref="PostgresRunStore"/> differ only in how they open it; every operation is the same SQL (see <c>SqlRunStore</c>).</summary>
public abstract class DatabaseRunStore : IRunStore
{
    private SqlRunStore? _store;

    private protected DatabaseRunStore()
    {
    }

    /// <summary>The schema version of the store (after opening, always the current one).</summary>
    public int SchemaVersion => Store.SchemaVersion;

    private SqlRunStore Store => _store ?? throw new InvalidOperationException("The run store was not opened.");

    /// <inheritdoc/>
    public Run CreateRun(NewRun run) => Store.CreateRun(run);

    /// <inheritdoc/>
    public void LogParameters(string runId, IReadOnlyDictionary<string, string> parameters) => Store.LogParameters(runId, parameters);

    /// <inheritdoc/>
    public void LogMetrics(string runId, IReadOnlyList<MetricPoint> points) => Store.LogMetrics(runId, points);

    /// <inheritdoc/>
    public void SetTags(string runId, IReadOnlyDictionary<string, string> tags) => Store.SetTags(runId, tags);

    /// <inheritdoc/>
    public void EndRun(string runId, RunStatus status) => Store.EndRun(runId, status);

    /// <inheritdoc/>
    public void Heartbeat(string runId) => Store.Heartbeat(runId);

    /// <inheritdoc/>
    public IReadOnlyList<string> MarkStaleRunsKilled(TimeSpan silence) => Store.MarkStaleRunsKilled(silence);

    /// <inheritdoc/>
    public int DeleteRun(string runId) => Store.DeleteRun(runId);

    /// <inheritdoc/>
    public Run? GetRun(string runId) => Store.GetRun(runId);

    /// <inheritdoc/>
    public IReadOnlyList<MetricPoint> GetMetrics(string runId) => Store.GetMetrics(runId);

    /// <inheritdoc/>
    public IReadOnlyList<Run> ListRuns(RunFilter filter) => Store.ListRuns(filter);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store's connections.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _store?.Dispose();
    }

    /// <summary>Sets the opened store; the subclass's constructor calls it once.</summary>
    private protected void Open(SqlRunStore store) => _store = store;
}
