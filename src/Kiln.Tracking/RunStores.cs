namespace Kiln.Tracking;

/// <summary>Opens the run store a setting names: the SQLite file under the store root, or a PostgreSQL database.</summary>
public static class RunStores
{
    /// <summary>
    /// Opens <paramref name="connection"/>'s store: when it is null or empty, the <see cref="SqliteRunStore"/> under
    /// <paramref name="storeRoot"/>; when it is a <c>postgres://</c> or <c>postgresql://</c> URL or Npgsql keywords with
    /// <c>Host=</c>, a <see cref="PostgresRunStore"/>.
    /// </summary>
    /// <param name="connection">The store's connection setting, or null for the default SQLite store.</param>
    /// <param name="storeRoot">The store root; the SQLite file goes here.</param>
    /// <param name="timeProvider">The clock for start, end and heartbeat times.</param>
    /// <exception cref="ArgumentException"><paramref name="connection"/> is in none of the accepted forms; the message shows it with the password masked.</exception>
    /// <exception cref="Core.KilnException">The store cannot be opened.</exception>
    public static IRunStore Open(string? connection, string storeRoot, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (string.IsNullOrWhiteSpace(connection))
        {
            ArgumentException.ThrowIfNullOrEmpty(storeRoot);
            return new SqliteRunStore(storeRoot, timeProvider);
        }
        if (PostgresConnectionStrings.IsPostgres(connection))
            return new PostgresRunStore(connection.Trim(), timeProvider);
        throw new ArgumentException(
            $"The run store connection '{PostgresConnectionStrings.Mask(connection)}' is not one Kiln knows. Leave it empty for the SQLite store under the store root, or give a PostgreSQL database as {PostgresConnectionStrings.Forms}.",
            nameof(connection));
    }
}
