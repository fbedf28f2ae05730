namespace Kiln.Tracking.Tests;

/// <summary><see cref="RunStores.Open"/>: which store a connection setting opens.</summary>
public sealed class RunStoresTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Open_NoConnection_OpensSqliteUnderTheStoreRoot(string? connection)
    {
        using var store = RunStores.Open(connection, _folder.Path, TimeProvider.System);

        var sqlite = Assert.IsType<SqliteRunStore>(store);
        Assert.Equal(Path.Combine(_folder.Path, SqliteRunStore.FileName), sqlite.FilePath);
    }

    [Fact]
    public void Open_PostgresForms_OpenThePostgresStore()
    {
        using var database = PostgresServer.CreateDatabase();
        var url = database.Url;
        var urlLong = "postgresql://" + url["postgres://".Length..];

        using (var keywords = RunStores.Open(database.ConnectionString, _folder.Path, TimeProvider.System))
        {
            Assert.IsType<PostgresRunStore>(keywords);
            keywords.CreateRun(new NewRun { Id = "run-1", JobName = "job-1", Namespace = "ns", Host = "host" });
        }
        using var byUrl = RunStores.Open(url, _folder.Path, TimeProvider.System);
        using var byLongUrl = RunStores.Open(urlLong, _folder.Path, TimeProvider.System);

        Assert.Equal("job-1", Assert.IsType<PostgresRunStore>(byUrl).GetRun("run-1")!.JobName);
        Assert.Equal("job-1", Assert.IsType<PostgresRunStore>(byLongUrl).GetRun("run-1")!.JobName);
        Assert.False(File.Exists(Path.Combine(_folder.Path, SqliteRunStore.FileName)));
    }

    [Theory]
    [InlineData("mysql://root:hunter2@db:3306/kiln", "mysql://root:***@db:3306/kiln")]
    [InlineData("Data Source=/tmp/x.db;Password=hunter2", "Password=***")]
    [InlineData("just-a-word", "just-a-word")]
    public void Open_UnknownForm_IsRefusedNamingItWithoutPasswordAndTheForms(string connection, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => RunStores.Open(connection, _folder.Path, TimeProvider.System));

        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://", error.Message, StringComparison.Ordinal);
        Assert.Contains("Host=", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
}
