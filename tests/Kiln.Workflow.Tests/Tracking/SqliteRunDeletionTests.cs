using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Tracking;
using Microsoft.Data.Sqlite;

namespace Kiln.Workflow.Tests.Tracking;

public sealed class SqliteRunDeletionTests
{
    [Fact]
    public void DeleteRunTree_RunWithChildrenAndGrandchildren_AllTheirRowsGoneOthersKept()
    {
        using var folder = new TempFolder();
        using (var store = new SqliteRunStore(folder.Path, TimeProvider.System))
        {
            Create(store, "top");
            Create(store, "child", "top");
            Create(store, "grandchild", "child");
            Create(store, "other");
            store.LogParameters("grandchild", new Dictionary<string, string> { ["fold"] = "0" });
            store.LogMetrics("child", [new MetricPoint("accuracy", 0, 0.9)]);
            store.SetTags("top", new Dictionary<string, string> { ["kiln.kind"] = "run" });
            store.LogMetrics("other", [new MetricPoint("accuracy", 0, 0.5)]);
        }

        using (var deletion = new SqliteRunDeletion(folder.Path))
            Assert.Equal(3, deletion.DeleteRunTree("top"));

        using var reopened = new SqliteRunStore(folder.Path, TimeProvider.System);
        Assert.Equal(["other"], reopened.ListRuns(RunFilter.All).Select(run => run.Id));
        Assert.Single(reopened.GetMetrics("other"));
        Assert.Equal(0L, Count(folder.Path, "SELECT COUNT(*) FROM metrics WHERE run_id <> 'other';"));
        Assert.Equal(0L, Count(folder.Path, "SELECT COUNT(*) FROM parameters;"));
        Assert.Equal(0L, Count(folder.Path, "SELECT COUNT(*) FROM tags;"));
    }

    [Fact]
    public void DeleteRunTree_UnknownRun_DeletesNothing()
    {
        using var folder = new TempFolder();
        using (var store = new SqliteRunStore(folder.Path, TimeProvider.System))
            Create(store, "kept");

        using var deletion = new SqliteRunDeletion(folder.Path);

        Assert.Equal(0, deletion.DeleteRunTree("missing"));
    }

    [Fact]
    public void DeleteRunTree_AnotherRecordRefersToTheRun_RefusedAndNothingDeleted()
    {
        using var folder = new TempFolder();
        using (var store = new SqliteRunStore(folder.Path, TimeProvider.System))
        {
            Create(store, "registered");
            Create(store, "child", "registered");
        }
        Execute(folder.Path, "CREATE TABLE model_versions (run_id TEXT NOT NULL REFERENCES runs(id)); INSERT INTO model_versions VALUES ('child');");

        using var deletion = new SqliteRunDeletion(folder.Path);
        var error = Assert.Throws<KilnException>(() => deletion.DeleteRunTree("registered"));

        Assert.Contains("refuses to delete run 'registered': another record refers to it or to one of its child runs", error.Message, StringComparison.Ordinal);
        Assert.Equal(2L, Count(folder.Path, "SELECT COUNT(*) FROM runs;"));
    }

    [Fact]
    public void Create_NoRunStore_SaysSo()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<KilnException>(() => new SqliteRunDeletion(folder.Path));

        Assert.Equal($"There is no run store in {folder.Path} (no tracking.db); nothing to delete.", error.Message);
    }

    private static void Create(SqliteRunStore store, string id, string? parent = null) =>
        store.CreateRun(new NewRun { Id = id, JobName = id, Namespace = "n", Host = "h", ParentId = parent });

    private static long Count(string root, string sql)
    {
        using var connection = Open(root);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(string root, string sql)
    {
        using var connection = Open(root);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string root)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(root, SqliteRunStore.FileName), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
