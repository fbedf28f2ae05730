namespace Kiln.Tracking.Registry;

/// <summary>Opens the model registry a store setting names, the same way <see cref="RunStores.Open"/> opens the run store.</summary>
public static class ModelRegistries
{
    /// <summary>
    /// Opens <paramref name="connection"/>'s registry: when it is null or empty, the SQLite registry in
    /// <c>&lt;storeRoot&gt;/tracking.db</c> (created when absent); when it names a PostgreSQL database, the registry there.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connection"/> is in none of the accepted forms.</exception>
    /// <exception cref="Core.KilnException">The registry cannot be opened.</exception>
    public static SqlModelRegistry Open(string? connection, string storeRoot, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (string.IsNullOrWhiteSpace(connection))
            return SqliteModelRegistry.Open(storeRoot, timeProvider);
        if (PostgresConnectionStrings.IsPostgres(connection))
            return PostgresModelRegistry.Open(connection.Trim(), timeProvider);
        throw new ArgumentException(
            $"The store connection '{PostgresConnectionStrings.Mask(connection)}' is not one Kiln knows. Leave it empty for the SQLite registry under the store root, or give a PostgreSQL database as {PostgresConnectionStrings.Forms}.",
            nameof(connection));
    }

    /// <summary>
    /// Like <see cref="Open"/>, but for reading: with no <paramref name="connection"/>, null when the store root has no
    /// <c>tracking.db</c> (nothing is created).
    /// </summary>
    public static SqlModelRegistry? OpenExisting(string? connection, string storeRoot, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return string.IsNullOrWhiteSpace(connection)
            ? SqliteModelRegistry.OpenExisting(storeRoot, timeProvider)
            : Open(connection, storeRoot, timeProvider);
    }
}
