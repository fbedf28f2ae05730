using Kiln.Core;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kiln.Tracking.Keys;

/// <summary>Opens the API keys a store setting names, the same way <see cref="RunStores.Open"/> opens the run store.</summary>
public static class ApiKeyStores
{
    /// <summary>
    /// Opens <paramref name="connection"/>'s keys: when it is null or empty, the SQLite file <c>&lt;storeRoot&gt;/tracking.db</c>
    /// (created when absent); when it names a PostgreSQL database, the keys there.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connection"/> is in none of the accepted forms.</exception>
    /// <exception cref="KilnException">The keys cannot be opened.</exception>
    public static SqlApiKeyStore Open(string? connection, string storeRoot, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (string.IsNullOrWhiteSpace(connection))
        {
            ArgumentException.ThrowIfNullOrEmpty(storeRoot);
            Directory.CreateDirectory(storeRoot);
            return OpenSqlite(Path.GetFullPath(Path.Combine(storeRoot, SqliteRunStore.FileName)), timeProvider);
        }
        if (PostgresConnectionStrings.IsPostgres(connection))
            return OpenPostgres(connection.Trim(), timeProvider);
        throw new ArgumentException(
            $"The store connection '{PostgresConnectionStrings.Mask(connection)}' is not one Kiln knows. Leave it empty for the SQLite keys under the store root, or give a PostgreSQL database as {PostgresConnectionStrings.Forms}.",
            nameof(connection));
    }

    /// <summary>
    /// Like <see cref="Open"/>, but for reading: with no <paramref name="connection"/>, null when the store root has no
    /// <c>tracking.db</c> (nothing is created).
    /// </summary>
    public static SqlApiKeyStore? OpenExisting(string? connection, string storeRoot, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!string.IsNullOrWhiteSpace(connection))
            return Open(connection, storeRoot, timeProvider);
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        var path = Path.GetFullPath(Path.Combine(storeRoot, SqliteRunStore.FileName));
        return File.Exists(path) ? OpenSqlite(path, timeProvider) : null;
    }

    private static SqlApiKeyStore OpenSqlite(string path, TimeProvider timeProvider)
    {
        var dialect = new SqliteDialect(path, SqliteRunStore.BusyTimeout);
        try
        {
            return new SqlApiKeyStore(dialect, timeProvider);
        }
        catch (SqliteException exception)
        {
            dialect.Dispose();
            throw new KilnException($"Could not open the API keys in '{path}': {exception.Message}. Check that the file is a Kiln store and that the folder is writable.", exception);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }

    private static SqlApiKeyStore OpenPostgres(string connection, TimeProvider timeProvider)
    {
        var dialect = new PostgresDialect(PostgresConnectionStrings.Parse(connection));
        try
        {
            return new SqlApiKeyStore(dialect, timeProvider);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            var description = dialect.Description;
            dialect.Dispose();
            throw new KilnException($"Could not open the API keys in '{description}': {PostgresConnectionStrings.Mask(exception.Message)}. Check that the server runs and accepts this user from this machine, that the database exists, and that the user may create tables in it.", exception);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }
}
