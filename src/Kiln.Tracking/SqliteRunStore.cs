using Kiln.Core;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking;

/// <summary>A run store in one SQLite file under a store root: zero set-up, safe for several writers at once.</summary>
/// <remarks>
/// The file is <c>&lt;root&gt;/tracking.db</c>, in WAL mode so readers never block the writer; writers wait for each
/// other up to <see cref="BusyTimeout"/>. The schema is versioned (table <c>schema_version</c>): opening applies the
/// missing migrations and refuses a file written by a newer Kiln. One instance is safe for concurrent use by several
/// threads (calls are serialised on its connection); for parallel writing, open one instance per writer.
/// </remarks>
public sealed class SqliteRunStore : IRunStore
{
    /// <summary>The store's file name under the store root.</summary>
    public const string FileName = "tracking.db";

    /// <summary>How long a writer waits for another writer's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly SqlRunStore _store;

    /// <summary>Opens (creating when absent) the store under <paramref name="storeRoot"/> and brings its schema up to date.</summary>
    /// <param name="storeRoot">The store root folder; created when absent.</param>
    /// <param name="timeProvider">The clock for start and end times.</param>
    /// <exception cref="KilnException">The file is not a run store, or was written by a newer Kiln.</exception>
    public SqliteRunStore(string storeRoot, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Directory.CreateDirectory(storeRoot);
        FilePath = Path.GetFullPath(Path.Combine(storeRoot, FileName));
        var dialect = new SqliteDialect(FilePath, BusyTimeout);
        try
        {
            _store = new SqlRunStore(dialect, timeProvider);
        }
        catch (SqliteException exception)
        {
            dialect.Dispose();
            throw new KilnException($"Could not open the run store '{FilePath}': {exception.Message}. Check that the file is a Kiln run store and that the folder is writable.", exception);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }

    /// <summary>The full path of the store's file.</summary>
    public string FilePath { get; }

    /// <summary>The schema version of the file (after opening, always the current one).</summary>
    public int SchemaVersion => _store.SchemaVersion;

    /// <inheritdoc/>
    public Run CreateRun(NewRun run) => _store.CreateRun(run);

    /// <inheritdoc/>
    public void LogParameters(string runId, IReadOnlyDictionary<string, string> parameters) => _store.LogParameters(runId, parameters);

    /// <inheritdoc/>
    public void LogMetrics(string runId, IReadOnlyList<MetricPoint> points) => _store.LogMetrics(runId, points);

    /// <inheritdoc/>
    public void SetTags(string runId, IReadOnlyDictionary<string, string> tags) => _store.SetTags(runId, tags);

    /// <inheritdoc/>
    public void EndRun(string runId, RunStatus status) => _store.EndRun(runId, status);

    /// <inheritdoc/>
    public void Heartbeat(string runId) => _store.Heartbeat(runId);

    /// <inheritdoc/>
    public IReadOnlyList<string> MarkStaleRunsKilled(TimeSpan silence) => _store.MarkStaleRunsKilled(silence);

    /// <inheritdoc/>
    public int DeleteRun(string runId) => _store.DeleteRun(runId);

    /// <inheritdoc/>
    public Run? GetRun(string runId) => _store.GetRun(runId);

    /// <inheritdoc/>
    public IReadOnlyList<MetricPoint> GetMetrics(string runId) => _store.GetMetrics(runId);

    /// <inheritdoc/>
    public IReadOnlyList<Run> ListRuns(RunFilter filter) => _store.ListRuns(filter);

    /// <inheritdoc/>
    public void Dispose() => _store.Dispose();
}
