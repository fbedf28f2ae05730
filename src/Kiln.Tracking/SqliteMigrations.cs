namespace Kiln.Tracking;

/// <summary>The SQLite run store's schema, as numbered migrations; migration <c>n</c> takes the schema from version n-1 to n.</summary>
internal static class SqliteMigrations
{
    /// <summary>The migrations in order; index 0 is migration 1.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        """
        CREATE TABLE runs (
            id TEXT NOT NULL PRIMARY KEY,
            job_name TEXT NOT NULL,
            namespace TEXT NOT NULL,
            environment TEXT NOT NULL,
            parent_id TEXT NULL REFERENCES runs(id),
            status TEXT NOT NULL,
            started_ticks INTEGER NOT NULL,
            ended_ticks INTEGER NULL,
            seed INTEGER NOT NULL,
            data_version TEXT NULL,
            code_version TEXT NULL,
            host TEXT NOT NULL,
            UNIQUE (namespace, job_name)
        );
        CREATE INDEX runs_parent ON runs(parent_id);
        CREATE INDEX runs_status ON runs(status);
        CREATE TABLE parameters (
            run_id TEXT NOT NULL REFERENCES runs(id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE tags (
            run_id TEXT NOT NULL REFERENCES runs(id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE metrics (
            run_id TEXT NOT NULL REFERENCES runs(id),
            key TEXT NOT NULL,
            step INTEGER NOT NULL,
            value REAL NULL,
            PRIMARY KEY (run_id, key, step)
        ) WITHOUT ROWID;
        """,
        SqlMigrations.Heartbeat,
    ];

    /// <summary>The schema version this code writes and reads.</summary>
    public static int Current => All.Count;
}
