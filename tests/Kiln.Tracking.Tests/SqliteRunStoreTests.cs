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
            Assert.Equal(1, store.SchemaVersion);
            Assert.True(File.Exists(store.FilePath));
        }

        Assert.Equal(1, RawScalar("SELECT MAX(version) FROM schema_version;"));
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
        Assert.Contains("up to 1", error.Message, StringComparison.Ordinal);
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
}
