using System.Globalization;
using Kiln.Core;

namespace Kiln.Tracking.Tests;

/// <summary>
/// What is particular to the PostgreSQL store: its tables and types, migrations, connection forms and concurrent
/// writers. A database for the class; each test has a fresh schema in it (the store's search path), so an empty store.
/// </summary>
public sealed class PostgresRunStoreTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IDisposable
{
    private readonly PostgresSchema _schema = database.Database.CreateSchema();

    public void Dispose() => _schema.Dispose();

    private static NewRun NewRun(string id, string? jobName = null) => new() { Id = id, JobName = jobName ?? "job-" + id, Namespace = "ns", Host = "host" };

    private PostgresRunStore Open(TimeProvider? clock = null) => new(_schema.ConnectionString, clock ?? TimeProvider.System);

    [Fact]
    public void Open_NewDatabase_CreatesTablesWithPostgresTypesAtCurrentSchema()
    {
        using (var store = Open())
            Assert.Equal(2, store.SchemaVersion);

        Assert.Equal(2, _schema.Scalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(1, _schema.Scalar("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(5, _schema.Scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('runs', 'parameters', 'tags', 'metrics', 'schema_version');"));
        Assert.Equal(5, _schema.Scalar("""
            SELECT COUNT(*) FROM information_schema.columns
            WHERE table_schema = current_schema() AND data_type = 'bigint'
              AND (table_name, column_name) IN (('runs', 'started_ticks'), ('runs', 'ended_ticks'), ('runs', 'seed'), ('runs', 'heartbeat_ticks'), ('metrics', 'step'));
            """));
        Assert.Equal(1, _schema.Scalar("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'metrics' AND column_name = 'value' AND data_type = 'double precision';"));
    }

    [Fact]
    public void Open_Again_KeepsRunsAndDoesNotMigrateTwice()
    {
        using (var store = Open())
        {
            store.CreateRun(NewRun("run-1"));
            store.LogMetrics("run-1", [new("loss", 0, 0.5)]);
        }

        using var reopened = Open();

        Assert.Equal("job-run-1", reopened.GetRun("run-1")!.JobName);
        Assert.Equal([new MetricPoint("loss", 0, 0.5)], reopened.GetMetrics("run-1"));
        Assert.Equal(1, _schema.Scalar("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public void Open_DatabaseAtSchemaVersion1_UpgradesKeepingRunsAndStartsHeartbeatsAtStart()
    {
        var started = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7);
        _schema.Execute(PostgresMigrations.All[0] + string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            INSERT INTO schema_version (version) VALUES (1);
            INSERT INTO runs (id, job_name, namespace, environment, parent_id, status, started_ticks, ended_ticks, seed, data_version, code_version, host)
            VALUES ('old-running', 'job-a', 'ns', 'develop', NULL, 'running', {started.UtcTicks}, NULL, 1, NULL, NULL, 'host'),
                   ('old-finished', 'job-b', 'ns', 'develop', NULL, 'finished', {started.UtcTicks}, {started.UtcTicks + 10}, 2, NULL, NULL, 'host');
            """));
        var clock = new ManualClock(started.AddHours(1));

        using var store = Open(clock);

        Assert.Equal(2, store.SchemaVersion);
        Assert.Equal(1, _schema.Scalar("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(started, store.GetRun("old-running")!.LastHeartbeat);
        Assert.Equal(["old-running"], store.MarkStaleRunsKilled(TimeSpan.FromMinutes(5)));
        Assert.Equal(started.AddHours(1), store.GetRun("old-running")!.Ended);
        Assert.Equal(RunStatus.Finished, store.GetRun("old-finished")!.Status);
    }

    [Fact]
    public void Open_NewerSchemaVersion_IsRefusedNamingBothVersionsAndTheDatabase()
    {
        using (Open())
        {
        }
        _schema.Execute("UPDATE schema_version SET version = 7;");

        var error = Assert.Throws<KilnException>(() => Open());

        Assert.Contains("schema version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("up to 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(_schema.Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FourProcessesOnNewDatabaseAtOnce_MigrateOnce()
    {
        using var ready = new Barrier(4);

        var opens = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            ready.SignalAndWait();
            using var store = Open();
            return store.SchemaVersion;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var versions = await Task.WhenAll(opens);

        Assert.All(versions, version => Assert.Equal(2, version));
        Assert.Equal(1, _schema.Scalar("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public void Open_ByUrl_IsTheSameStoreAsByKeywords()
    {
        using (var byKeywords = Open())
            byKeywords.CreateRun(NewRun("run-1"));

        using var byUrl = new PostgresRunStore(_schema.Url + "&application_name=kiln-test&sslmode=disable", TimeProvider.System);

        Assert.Equal("job-run-1", byUrl.GetRun("run-1")!.JobName);
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(_schema.ConnectionString);
        Assert.Equal($"postgresql://{settings.Username}@{settings.Host}:{settings.Port}/{settings.Database}?search_path={_schema.Name}", byUrl.Description);
    }

    [Theory]
    [InlineData("postgres://kiln:s3cret-pass@127.0.0.1:1/kiln")]
    [InlineData("Host=127.0.0.1;Port=1;Username=kiln;Password=s3cret-pass;Database=kiln")]
    public void Open_ServerNotThere_IsRefusedNamingTheStoreWithoutThePassword(string connection)
    {
        var error = Assert.Throws<KilnException>(() => new PostgresRunStore(connection, TimeProvider.System));

        Assert.Contains("postgresql://kiln@127.0.0.1:1/kiln", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Contains("server runs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://kiln:s3cret-pass@127.0.0.1:5432/kiln?no_such_setting=1")]
    [InlineData("postgres://kiln:s3cret-pass@127.0.0.1:5432/kiln?sslmode=sometimes")]
    [InlineData("Host=127.0.0.1;Password=s3cret-pass;Colour=blue")]
    public void Open_BadConnectionString_IsRefusedWithoutThePassword(string connection)
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresRunStore(connection, TimeProvider.System));

        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://user:password@host:port/database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writers_FourStoresAtOnce_AllRecorded()
    {
        const int Writers = 4;
        const int RunsPerWriter = 10;
        const int StepsPerRun = 200;
        using (Open())
        {
        }
        using var ready = new Barrier(Writers);

        var tasks = Enumerable.Range(0, Writers).Select(writer => Task.Factory.StartNew(() =>
        {
            using var store = Open();
            ready.SignalAndWait();
            for (var r = 0; r < RunsPerWriter; r++)
            {
                var id = $"w{writer}-r{r}";
                store.CreateRun(NewRun(id));
                store.LogParameters(id, new Dictionary<string, string> { ["writer"] = writer.ToString(CultureInfo.InvariantCulture) });
                for (var batch = 0; batch < 4; batch++)
                {
                    var points = Enumerable.Range(batch * StepsPerRun / 4, StepsPerRun / 4)
                        .SelectMany(step => new[] { new MetricPoint("loss", step, 1.0 / (step + 1)), new MetricPoint("accuracy", step, step * 1e-3) })
                        .ToList();
                    store.LogMetrics(id, points);
                }
                store.Heartbeat(id);
                store.EndRun(id, RunStatus.Finished);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(tasks);

        using var reader = Open();
        var runs = reader.ListRuns(RunFilter.All);
        Assert.Equal(Writers * RunsPerWriter, runs.Count);
        Assert.All(runs, run => Assert.Equal(RunStatus.Finished, run.Status));
        foreach (var run in runs)
        {
            var metrics = reader.GetMetrics(run.Id);
            Assert.Equal(2 * StepsPerRun, metrics.Count);
            Assert.Equal(new MetricPoint("loss", StepsPerRun - 1, 1.0 / StepsPerRun), metrics[^1]);
            Assert.Equal(run.Id[1..2], run.Parameters["writer"]);
        }
    }

    [Fact]
    public async Task CreateRun_SameJobNameFromFourStoresAtOnce_OneWinsTheOthersAreToldWhoHasIt()
    {
        const int Writers = 4;
        using (Open())
        {
        }
        using var ready = new Barrier(Writers);

        var attempts = Enumerable.Range(0, Writers).Select(writer => Task.Factory.StartNew(() =>
        {
            using var store = Open();
            ready.SignalAndWait();
            try
            {
                store.CreateRun(NewRun("run-" + writer.ToString(CultureInfo.InvariantCulture), jobName: "nightly"));
                return null;
            }
            catch (KilnException error)
            {
                return error.Message;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var outcomes = await Task.WhenAll(attempts);

        using var reader = Open();
        var winner = Assert.Single(reader.ListRuns(RunFilter.All));
        Assert.Single(outcomes, message => message is null);
        Assert.All(outcomes.OfType<string>(), message =>
            Assert.Contains($"Job name 'nightly' is already used in namespace 'ns' (by run '{winner.Id}')", message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MarkStaleRunsKilled_TwoStoresAtOnce_EachRunKilledOnce()
    {
        const int Stale = 60;
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        using (var setup = Open(clock))
        {
            for (var i = 0; i < Stale; i++)
                setup.CreateRun(NewRun("stale-" + i.ToString("D2", CultureInfo.InvariantCulture)));
            clock.Advance(TimeSpan.FromMinutes(10));
            setup.CreateRun(NewRun("fresh"));
        }
        using var ready = new Barrier(2);

        var calls = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            using var store = Open(clock);
            ready.SignalAndWait();
            return store.MarkStaleRunsKilled(TimeSpan.FromMinutes(1));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var results = await Task.WhenAll(calls);

        var all = results.SelectMany(ids => ids).ToList();
        Assert.Equal(Stale, all.Count);
        Assert.Equal(Stale, all.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("fresh", all);
        using var reader = Open(clock);
        Assert.Equal(Stale, reader.ListRuns(new RunFilter { Status = RunStatus.Killed }).Count);
        Assert.Equal(RunStatus.Running, reader.GetRun("fresh")!.Status);
    }
}
