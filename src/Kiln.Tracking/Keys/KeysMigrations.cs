namespace Kiln.Tracking.Keys;

/// <summary>
/// The API keys' schema as numbered migrations, tracked in the table <c>keys_schema_version</c> apart from the run store's
/// and the registry's versions; migration <c>n</c> takes the schema from version n-1 to n.
/// </summary>
/// <remarks>
/// Portable SQL only (SQLite and PostgreSQL). The secret's hash is stored as lower-case hexadecimal text, so no binary
/// column type is needed; a partial unique index keeps names unique among the keys that are not revoked, so a name can
/// be given again once its key is revoked.
/// </remarks>
internal static class KeysMigrations
{
    /// <summary>The table that records the keys' schema version.</summary>
    public const string VersionTable = "keys_schema_version";

    /// <summary>The migrations in order (index 0 is migration 1), each a list of statements.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> All { get; } =
    [
        [
            """
            CREATE TABLE api_keys (
                id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                scopes TEXT NOT NULL,
                secret_sha256 TEXT NOT NULL,
                created_ticks BIGINT NOT NULL,
                revoked_ticks BIGINT NULL
            )
            """,
            "CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_ticks IS NULL",
        ],
    ];

    /// <summary>The schema version this code writes and reads.</summary>
    public static int Current => All.Count;
}
