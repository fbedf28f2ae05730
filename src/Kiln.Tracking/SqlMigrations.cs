namespace Kiln.Tracking;

/// <summary>The migrations whose SQL is the same on SQLite and PostgreSQL.</summary>
internal static class SqlMigrations
{
    /// <summary>
    /// Migration 2: each run's last heartbeat (UTC ticks). Runs recorded before it take their start time, so a run
    /// left running by an older Kiln is found stale like any other.
    /// </summary>
    public const string Heartbeat = """
        ALTER TABLE runs ADD COLUMN heartbeat_ticks BIGINT NULL;
        UPDATE runs SET heartbeat_ticks = started_ticks;
        CREATE INDEX runs_status_heartbeat ON runs(status, heartbeat_ticks);
        """;
}
