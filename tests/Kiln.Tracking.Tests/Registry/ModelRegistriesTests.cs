using Kiln.Tracking.Registry;

namespace Kiln.Tracking.Tests.Registry;

public sealed class ModelRegistriesTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static NewModelVersion Version(string runId) => new() { BundleLocation = "/m/model.kiln", Signature = "{}", RunId = runId };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Open_NoConnection_IsTheSqliteFileUnderTheStoreRoot(string? connection)
    {
        using var registry = ModelRegistries.Open(connection, _folder.Path, TimeProvider.System);

        Assert.Equal(Path.Combine(_folder.Path, "tracking.db"), registry.Location);
    }

    [Fact]
    public void Open_UnknownConnection_IsRefusedWithThePasswordMasked()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelRegistries.Open("mysql://ana:secret@db/kiln", _folder.Path, TimeProvider.System));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PostgresUrl_SharesTheDatabaseWithTheRunStore()
    {
        using var database = PostgresServer.CreateDatabase();
        using (var runs = new PostgresRunStore(database.Url, TimeProvider.System))
            runs.CreateRun(new NewRun { Id = "run-1", JobName = "job-1", Namespace = "ns", Host = "host" });

        using (var registry = ModelRegistries.Open(database.Url, _folder.Path, TimeProvider.System))
        {
            registry.Register("churn", Version("run-1"));
            Assert.Equal(1, registry.SchemaVersion);
            Assert.DoesNotContain(_folder.Path, registry.Location, StringComparison.Ordinal);
        }

        Assert.Equal(1, PostgresDatabase.Scalar(database.ConnectionString, "SELECT MAX(version) FROM registry_schema_version"));
        Assert.Equal(1, PostgresDatabase.Scalar(database.ConnectionString, "SELECT COUNT(*) FROM model_versions WHERE run_id = 'run-1'"));
        Assert.Equal(1, PostgresDatabase.Scalar(database.ConnectionString, "SELECT COUNT(*) FROM runs"));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "tracking.db")));
    }
}
