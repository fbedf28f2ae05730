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
public sealed class SqliteRunStore : DatabaseRunStore
{
    /// <summary>The store's file name under the store root.</summary>
    public const string FileName = "tracking.db";

    /// <summary>How long a writer waits for another writer's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

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
            Open(new SqlRunStore(dialect, timeProvider));
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
}
