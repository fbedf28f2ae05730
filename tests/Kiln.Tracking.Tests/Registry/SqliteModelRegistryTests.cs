using System.Globalization;
using Kiln.Core;
using Kiln.Tracking.Registry;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking.Tests.Registry;

/// <summary>What is particular to the registry on SQLite: the shared file, its own schema version, opening without creating.</summary>
public sealed class SqliteModelRegistryTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static NewModelVersion Version() => new() { BundleLocation = "/models/model.kiln", Signature = """{"inputs":[],"output":null}""" };

    private long RawScalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqliteModelRegistry.FilePath(_folder.Path), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Open_StoreWithRuns_SharesTrackingDbWithItsOwnSchemaVersion()
    {
        using (var runs = new SqliteRunStore(_folder.Path, TimeProvider.System))
            runs.CreateRun(new NewRun { Id = "run-1", JobName = "job-1", Namespace = "ns", Host = "host" });

        using (var registry = SqliteModelRegistry.Open(_folder.Path, TimeProvider.System))
        {
            registry.Register("churn", Version() with { RunId = "run-1" });
            Assert.Equal(1, registry.SchemaVersion);
            Assert.Equal(Path.Combine(_folder.Path, "tracking.db"), registry.Location);
        }
        using var reopenedRuns = new SqliteRunStore(_folder.Path, TimeProvider.System);

        Assert.Equal("job-1", reopenedRuns.GetRun("run-1")!.JobName);
        Assert.Equal(1, RawScalar("SELECT MAX(version) FROM registry_schema_version"));
        Assert.Equal(1, RawScalar("SELECT COUNT(*) FROM registry_schema_version"));
        Assert.Equal(1, RawScalar("SELECT COUNT(*) FROM model_versions WHERE run_id = 'run-1'"));
        Assert.Equal(reopenedRuns.SchemaVersion, RawScalar("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public void Open_Again_KeepsModelsAndDoesNotMigrateTwice()
    {
        using (var registry = SqliteModelRegistry.Open(_folder.Path, TimeProvider.System))
        {
            registry.Register("churn", Version());
            registry.SetAlias("churn", "champion", 1);
        }

        using var reopened = SqliteModelRegistry.Open(_folder.Path, TimeProvider.System);

        Assert.Equal(1, reopened.GetModel("churn")!.Aliases["champion"]);
        Assert.Equal(1, RawScalar("SELECT COUNT(*) FROM registry_schema_version"));
    }

    [Fact]
    public void Open_NewerSchema_IsRefusedSayingBothVersions()
    {
        SqliteModelRegistry.Open(_folder.Path, TimeProvider.System).Dispose();
        RawScalar("UPDATE registry_schema_version SET version = 99");

        var error = Assert.Throws<KilnException>(() => SqliteModelRegistry.Open(_folder.Path, TimeProvider.System));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {RegistryMigrations.Current}", error.Message, StringComparison.Ordinal);
        Assert.Contains("tracking.db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenExisting_NoStoreFile_ReturnsNullAndCreatesNothing()
    {
        var root = Path.Combine(_folder.Path, "absent");

        using var registry = SqliteModelRegistry.OpenExisting(root, TimeProvider.System);

        Assert.Null(registry);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void OpenExisting_StoreFileOfRunsOnly_AddsTheRegistryTables()
    {
        new SqliteRunStore(_folder.Path, TimeProvider.System).Dispose();

        using var registry = SqliteModelRegistry.OpenExisting(_folder.Path, TimeProvider.System);

        Assert.NotNull(registry);
        Assert.Empty(registry.ListModels());
    }

    [Fact]
    public void Open_NotADatabase_IsAKilnExceptionNamingTheFile()
    {
        File.WriteAllText(SqliteModelRegistry.FilePath(_folder.Path), "this is not a SQLite file, it is only some text that is long enough to have a header............");

        var error = Assert.Throws<KilnException>(() => SqliteModelRegistry.Open(_folder.Path, TimeProvider.System));

        Assert.Contains("tracking.db", error.Message, StringComparison.Ordinal);
    }
}
