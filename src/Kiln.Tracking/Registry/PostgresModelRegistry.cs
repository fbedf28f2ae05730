using Kiln.Core;
using Npgsql;

namespace Kiln.Tracking.Registry;

/// <summary>Opens the model registry in a PostgreSQL database, the one the run store uses (<see cref="PostgresRunStore"/>).</summary>
/// <remarks>
/// The registry's tables are created next to the run store's when absent, under the same advisory lock the run store's
/// migrations take, so several processes may open a new database at once. Messages name the database without the password.
/// </remarks>
public static class PostgresModelRegistry
{
    /// <summary>Opens the registry in the database <paramref name="connection"/> names and brings its schema up to date.</summary>
    /// <param name="connection">A <c>postgres://</c> / <c>postgresql://</c> URL or Npgsql keywords, as <see cref="PostgresRunStore"/> takes.</param>
    /// <param name="timeProvider">The clock for creation times.</param>
    /// <exception cref="ArgumentException">The connection string is in neither form.</exception>
    /// <exception cref="KilnException">The server cannot be reached or refuses the user, or the registry was written by a newer Kiln.</exception>
    public static SqlModelRegistry Open(string connection, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var dialect = new PostgresDialect(PostgresConnectionStrings.Parse(connection));
        try
        {
            return new SqlModelRegistry(dialect, timeProvider);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            var description = dialect.Description;
            dialect.Dispose();
            throw new KilnException($"Could not open the model registry '{description}': {PostgresConnectionStrings.Mask(exception.Message)}. Check that the server runs and accepts this user from this machine, that the database exists, and that the user may create tables in it.", exception);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }
}
