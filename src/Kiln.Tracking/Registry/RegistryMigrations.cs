namespace Kiln.Tracking.Registry;

/// <summary>
/// The registry's schema as numbered migrations, tracked in the table <c>registry_schema_version</c> apart from the run
/// store's own version; migration <c>n</c> takes the schema from version n-1 to n.
/// </summary>
/// <remarks>
/// Portable SQL only (SQLite and PostgreSQL): TEXT, BIGINT and DOUBLE PRECISION columns, one statement per string. The run
/// id is a plain column, not a foreign key, so deleting runs never breaks the registry.
/// </remarks>
internal static class RegistryMigrations
{
    /// <summary>The table that records the registry's schema version.</summary>
    public const string VersionTable = "registry_schema_version";

    /// <summary>The migrations in order (index 0 is migration 1), each a list of statements.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> All { get; } =
    [
        [
            """
            CREATE TABLE registered_models (
                name TEXT NOT NULL PRIMARY KEY,
                description TEXT NULL,
                created_ticks BIGINT NOT NULL,
                next_version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE model_versions (
                model_name TEXT NOT NULL REFERENCES registered_models (name),
                version BIGINT NOT NULL,
                run_id TEXT NULL,
                bundle_location TEXT NOT NULL,
                data_version TEXT NULL,
                signature TEXT NOT NULL,
                description TEXT NULL,
                created_ticks BIGINT NOT NULL,
                CONSTRAINT model_versions_unique UNIQUE (model_name, version)
            )
            """,
            """
            CREATE TABLE model_version_metrics (
                model_name TEXT NOT NULL,
                version BIGINT NOT NULL,
                metric TEXT NOT NULL,
                value DOUBLE PRECISION NULL,
                PRIMARY KEY (model_name, version, metric),
                FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
            )
            """,
            """
            CREATE TABLE model_aliases (
                model_name TEXT NOT NULL REFERENCES registered_models (name),
                alias TEXT NOT NULL,
                version BIGINT NOT NULL,
                PRIMARY KEY (model_name, alias),
                FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
            )
            """,
            "CREATE INDEX model_versions_run ON model_versions (run_id)",
        ],
    ];

    /// <summary>The schema version this code writes and reads.</summary>
    public static int Current => All.Count;
}
