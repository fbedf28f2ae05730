namespace Kiln.Tracking;

/// <summary>
/// The PostgreSQL run store's schema, as numbered migrations; the same tables as <see cref="SqliteMigrations"/> with
/// PostgreSQL's types: BIGINT for ticks, seeds and steps, DOUBLE PRECISION for values. Ids and keys compare and sort
/// byte for byte (<c>COLLATE "C"</c>), as in SQLite, whatever the database's locale.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>The migrations in order; index 0 is migration 1.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        """
        CREATE TABLE runs (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            job_name TEXT COLLATE "C" NOT NULL,
            namespace TEXT COLLATE "C" NOT NULL,
            environment TEXT NOT NULL,
            parent_id TEXT COLLATE "C" NULL REFERENCES runs(id),
            status TEXT NOT NULL,
            started_ticks BIGINT NOT NULL,
            ended_ticks BIGINT NULL,
            seed BIGINT NOT NULL,
            data_version TEXT NULL,
            code_version TEXT NULL,
            host TEXT NOT NULL,
            UNIQUE (namespace, job_name)
        );
        CREATE INDEX runs_parent ON runs(parent_id);
        CREATE INDEX runs_status ON runs(status);
        CREATE TABLE parameters (
            run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
            key TEXT COLLATE "C" NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, key)
        );
        CREATE TABLE tags (
            run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
            key TEXT COLLATE "C" NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, key)
        );
        CREATE TABLE metrics (
            run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
            key TEXT COLLATE "C" NOT NULL,
            step BIGINT NOT NULL,
            value DOUBLE PRECISION NULL,
            PRIMARY KEY (run_id, key, step)
        );
        """,
        SqlMigrations.Heartbeat,
    ];
}
