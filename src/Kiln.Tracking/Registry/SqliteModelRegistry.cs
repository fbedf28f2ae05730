using Kiln.Core;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking.Registry;

/// <summary>Opens the model registry in a store root's SQLite file, <c>&lt;root&gt;/tracking.db</c>, the file the run store uses.</summary>
/// <remarks>The connection is set up like <see cref="SqliteRunStore"/>'s: WAL journal, <c>synchronous = NORMAL</c>, foreign keys on, a busy timeout of <see cref="SqliteRunStore.BusyTimeout"/>.</remarks>
public static class SqliteModelRegistry
{
    /// <summary>The registry's file under a store root (the run store's file).</summary>
    public static string FilePath(string storeRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        return Path.GetFullPath(Path.Combine(storeRoot, SqliteRunStore.FileName));
    }

    /// <summary>Opens (creating when absent) the registry under <paramref name="storeRoot"/> and brings its schema up to date.</summary>
    /// <param name="storeRoot">The store root folder; created when absent.</param>
    /// <param name="timeProvider">The clock for creation times.</param>
    /// <exception cref="KilnException">The file is not a SQLite database, or its registry was written by a newer Kiln.</exception>
    public static SqlModelRegistry Open(string storeRoot, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Directory.CreateDirectory(storeRoot);
        return OpenFile(FilePath(storeRoot), timeProvider);
    }

    /// <summary>Opens the registry under <paramref name="storeRoot"/> when the store's file exists; null when it does not (nothing is created).</summary>
    /// <exception cref="KilnException">The file is not a SQLite database, or its registry was written by a newer Kiln.</exception>
    public static SqlModelRegistry? OpenExisting(string storeRoot, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var path = FilePath(storeRoot);
        return File.Exists(path) ? OpenFile(path, timeProvider) : null;
    }

    private static SqlModelRegistry OpenFile(string path, TimeProvider timeProvider)
    {
        var dialect = new SqliteDialect(path, SqliteRunStore.BusyTimeout);
        try
        {
            return new SqlModelRegistry(dialect, timeProvider);
        }
        catch (SqliteException exception)
        {
            dialect.Dispose();
            throw new KilnException($"Could not open the model registry '{path}': {exception.Message}. Check that the file is a Kiln store and that the folder is writable.", exception);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }
}
