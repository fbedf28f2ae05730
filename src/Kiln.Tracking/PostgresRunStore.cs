using Kiln.Core;
using Npgsql;

namespace Kiln.Tracking;

/// <summary>A run store in a PostgreSQL database, named by a connection string; safe for many writers in many processes.</summary>
/// <remarks>
/// Opening creates the tables (<c>runs</c>, <c>parameters</c>, <c>tags</c>, <c>metrics</c> and <c>schema_version</c>)
/// in the first schema of the connection's search path when absent, and applies the missing migrations under an
/// advisory lock, so several processes may open a new database at once. The database itself must exist. Connections
/// come from a pool; one instance is safe for concurrent use by several threads (calls are serialised).
/// Messages name the store as <c>postgresql://user@host:port/database</c>, never with the password.
/// </remarks>
public sealed class PostgresRunStore : DatabaseRunStore
{
    /// <summary>Opens the store in the database <paramref name="connection"/> names and brings its schema up to date.</summary>
    /// <param name="connection">
    /// A URL <c>postgres://user:password@host:port/database</c> (or <c>postgresql://</c>; query settings <c>sslmode</c>,
    /// <c>application_name</c>, <c>connect_timeout</c>, <c>search_path</c> or any Npgsql keyword), or Npgsql's keyword
    /// form <c>Host=…;Port=…;Username=…;Password=…;Database=…</c>.
    /// </param>
    /// <param name="timeProvider">The clock for start, end and heartbeat times.</param>
    /// <exception cref="ArgumentException">The connection string is in neither form.</exception>
    /// <exception cref="KilnException">The server cannot be reached or refuses the user, or the store was written by a newer Kiln.</exception>
    public PostgresRunStore(string connection, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = PostgresConnectionStrings.Parse(connection);
        var dialect = new PostgresDialect(settings);
        Description = dialect.Description;
        try
        {
            Open(new SqlRunStore(dialect, timeProvider));
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            dialect.Dispose();
            throw new KilnException($"Could not open the run store '{Description}': {PostgresConnectionStrings.Mask(exception.Message)}. Check that the server runs and accepts this user from this machine, that the database exists, and that the user may create tables in it.", exception);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }

    /// <summary>The store as messages name it: <c>postgresql://user@host:port/database</c>, without the password.</summary>
    public string Description { get; }
}
