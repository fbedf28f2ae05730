using Kiln.Core;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking.Tests;

/// <summary>What is particular to the SQLite store: its file, schema migrations, WAL mode and concurrent writers.</summary>
public sealed class SqliteRunStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static NewRun NewRun(string id) => new() { Id = id, JobName = "job-" + id, Namespace = "ns", Host = "host" };

    private string RawConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_folder.Path, SqliteRunStore.FileName),
        Pooling = false,
    }.ToString();

    private long RawScalar(string sql)
    {
        using var connection = new SqliteConnection(RawConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Open_NewFolder_CreatesFileAtCurrentSchemaInWalMode()
    {
        using (var store = new SqliteRunStore(_folder.Path, TimeProvider.System))
        {
            Assert.Equal(2, store.SchemaVersion);
            Assert.True(File.Exists(store.FilePath));
        }

        Assert.Equal(2, RawScalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(1, RawScalar("SELECT COUNT(*) FROM schema_version;"));
        using var connection = new SqliteConnection(RawConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Open_Again_KeepsRunsAndDoesNotMigrateTwice()
    {
        using (var store = new SqliteRunStore(_folder.Path, TimeProvider.System))
        {
            store.CreateRun(NewRun("run-1"));
            store.LogMetrics("run-1", [new("loss", 0, 0.5)]);
        }

        using var reopened = new SqliteRunStore(_folder.Path, TimeProvider.System);

        Assert.Equal("job-run-1", reopened.GetRun("run-1")!.JobName);
        Assert.Equal([new MetricPoint("loss", 0, 0.5)], reopened.GetMetrics("run-1"));
        Assert.Equal(1, RawScalar("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public void Open_NewerSchemaVersion_IsRefusedNamingBothVersions()
    {
        using (new SqliteRunStore(_folder.Path, TimeProvider.System))
        {
        }
        using (var connection = new SqliteConnection(RawConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 7;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<KilnException>(() => new SqliteRunStore(_folder.Path, TimeProvider.System));

        Assert.Contains("schema version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("up to 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(SqliteRunStore.FileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_IsRefusedNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_folder.Path, SqliteRunStore.FileName), "this is not a database, just text that is long enough to fill a header");

        var error = Assert.Throws<KilnException>(() => new SqliteRunStore(_folder.Path, TimeProvider.System));

        Assert.Contains(SqliteRunStore.FileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writers_FourThreadsEachWithOwnStore_AllRecorded()
    {
        const int Writers = 4;
        const int RunsPerWriter = 10;
        const int StepsPerRun = 200;
        using var ready = new Barrier(Writers);

        var tasks = Enumerable.Range(0, Writers).Select(writer => Task.Factory.StartNew(() =>
        {
            ready.SignalAndWait();
            using var store = new SqliteRunStore(_folder.Path, TimeProvider.System);
            for (var r = 0; r < RunsPerWriter; r++)
            {
                var id = $"w{writer}-r{r}";
                store.CreateRun(NewRun(id));
                store.LogParameters(id, new Dictionary<string, string> { ["writer"] = writer.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                for (var batch = 0; batch < 4; batch++)
                {
                    var points = Enumerable.Range(batch * StepsPerRun / 4, StepsPerRun / 4)
                        .SelectMany(step => new[] { new MetricPoint("loss", step, 1.0 / (step + 1)), new MetricPoint("accuracy", step, step * 1e-3) })
                        .ToList();
                    store.LogMetrics(id, points);
                }
                store.EndRun(id, RunStatus.Finished);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(tasks);

        using var reader = new SqliteRunStore(_folder.Path, TimeProvider.System);
        var runs = reader.ListRuns(RunFilter.All);
        Assert.Equal(Writers * RunsPerWriter, runs.Count);
        Assert.All(runs, run => Assert.Equal(RunStatus.Finished, run.Status));
        foreach (var run in runs)
        {
            var metrics = reader.GetMetrics(run.Id);
            Assert.Equal(2 * StepsPerRun, metrics.Count);
            Assert.Equal(new MetricPoint("loss", StepsPerRun - 1, 1.0 / StepsPerRun), metrics[^1]);
        }
        Assert.Equal(1, RawScalar("SELECT COUNT(*) FROM schema_version;"));
    }

    /// <summary>The schema as migration 1 created it (Kiln before heartbeats), verbatim.</summary>
    private const string SchemaVersion1 = """
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
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version (version) VALUES (1);
        """;

    [Fact]
    public void Open_FileAtSchemaVersion1_UpgradesKeepingRunsAndStartsHeartbeatsAtStart()
    {
        var started = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7);
        using (var connection = new SqliteConnection(RawConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SchemaVersion1 + $"""
                INSERT INTO runs (id, job_name, namespace, environment, parent_id, status, started_ticks, ended_ticks, seed, data_version, code_version, host)
                VALUES ('old-running', 'job-a', 'ns', 'develop', NULL, 'running', {started.UtcTicks}, NULL, 1, NULL, NULL, 'host'),
                       ('old-finished', 'job-b', 'ns', 'develop', NULL, 'finished', {started.UtcTicks}, {started.UtcTicks + 10}, 2, NULL, NULL, 'host');
                INSERT INTO metrics (run_id, key, step, value) VALUES ('old-running', 'loss', 0, 0.5);
                """;
            command.ExecuteNonQuery();
        }
        var clock = new ManualClock(started.AddHours(1));

        using var store = new SqliteRunStore(_folder.Path, clock);

        Assert.Equal(2, store.SchemaVersion);
        Assert.Equal(2, RawScalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(1, RawScalar("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(started, store.GetRun("old-running")!.LastHeartbeat);
        Assert.Equal([new MetricPoint("loss", 0, 0.5)], store.GetMetrics("old-running"));
        Assert.Equal(["old-running"], store.MarkStaleRunsKilled(TimeSpan.FromMinutes(5)));
        Assert.Equal(RunStatus.Killed, store.GetRun("old-running")!.Status);
        Assert.Equal(started.AddHours(1), store.GetRun("old-running")!.Ended);
        Assert.Equal(RunStatus.Finished, store.GetRun("old-finished")!.Status);
        store.CreateRun(NewRun("new-run"));
        Assert.Equal(started.AddHours(1), store.GetRun("new-run")!.LastHeartbeat);
    }

    [Fact]
    public async Task MarkStaleRunsKilled_TwoStoresAtOnce_EachRunKilledOnce()
    {
        const int Stale = 60;
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        using (var setup = new SqliteRunStore(_folder.Path, clock))
        {
            for (var i = 0; i < Stale; i++)
                setup.CreateRun(NewRun("stale-" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)));
        }
        clock.Advance(TimeSpan.FromMinutes(10));
        using (var fresh = new SqliteRunStore(_folder.Path, clock))
            fresh.CreateRun(NewRun("fresh"));
        using var ready = new Barrier(2);

        var calls = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            using var store = new SqliteRunStore(_folder.Path, clock);
            ready.SignalAndWait();
            return store.MarkStaleRunsKilled(TimeSpan.FromMinutes(1));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var results = await Task.WhenAll(calls);

        var all = results.SelectMany(ids => ids).ToList();
        Assert.Equal(Stale, all.Count);
        Assert.Equal(Stale, all.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("fresh", all);
        using var reader = new SqliteRunStore(_folder.Path, clock);
        Assert.Equal(Stale, reader.ListRuns(new RunFilter { Status = RunStatus.Killed }).Count);
        Assert.Equal(RunStatus.Running, reader.GetRun("fresh")!.Status);
    }
}
