using System.Globalization;
using Kiln.Core;
using Kiln.Tracking;
using Microsoft.Data.Sqlite;

namespace Kiln.Workflow.Tracking;

/// <summary>Deletes runs from the SQLite run store's file (<see cref="SqliteRunStore.FileName"/> under the store root), with the store's own settings for concurrent writers.</summary>
/// <remarks>
/// One <c>BEGIN IMMEDIATE</c> transaction per run tree: the tree's ids come from a recursive query over <c>parent_id</c>, and the
/// metrics, parameters, tags and runs rows go together. Foreign keys stay on, so a row elsewhere that refers to a run (a
/// registered model version) makes the store refuse rather than leave it dangling.
/// </remarks>
public sealed class SqliteRunDeletion : IRunDeletion
{
    private const string Tree = """
        WITH RECURSIVE tree(id) AS (
            SELECT id FROM runs WHERE id = $id
            UNION ALL
            SELECT runs.id FROM runs JOIN tree ON runs.parent_id = tree.id
        )
        """;

    private readonly SqliteConnection _connection;
    private readonly string _path;

    /// <summary>Opens the run store's file under <paramref name="storeRoot"/>.</summary>
    /// <exception cref="KilnException">The store has no run store file, or it cannot be opened.</exception>
    public SqliteRunDeletion(string storeRoot)
    {
        ArgumentNullException.ThrowIfNull(storeRoot);
        _path = Path.GetFullPath(Path.Combine(storeRoot, SqliteRunStore.FileName));
        if (!File.Exists(_path))
            throw new KilnException($"There is no run store in {storeRoot} (no {SqliteRunStore.FileName}); nothing to delete.");
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)SqliteRunStore.BusyTimeout.TotalSeconds,
        };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            Execute(null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)SqliteRunStore.BusyTimeout.TotalMilliseconds};"));
            Execute(null, "PRAGMA foreign_keys = ON;");
        }
        catch (SqliteException exception)
        {
            _connection.Dispose();
            throw new KilnException($"Could not open the run store '{_path}' to delete runs: {exception.Message}", exception);
        }
    }

    /// <inheritdoc/>
    public int DeleteRunTree(string runId)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        try
        {
            using var transaction = _connection.BeginTransaction();
            var count = Convert.ToInt32(Scalar(transaction, $"{Tree} SELECT COUNT(*) FROM tree;", runId), CultureInfo.InvariantCulture);
            if (count == 0)
                return 0;
            foreach (var table in new[] { "metrics", "parameters", "tags" })
                Execute(transaction, $"{Tree} DELETE FROM {table} WHERE run_id IN (SELECT id FROM tree);", runId);
            Execute(transaction, $"{Tree} DELETE FROM runs WHERE id IN (SELECT id FROM tree);", runId);
            transaction.Commit();
            return count;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 19)
        {
            throw new KilnException($"The run store '{_path}' refuses to delete run '{runId}': another record refers to it or to one of its child runs ({exception.Message}). Delete that record first (a registered model version, say).", exception);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private object? Scalar(SqliteTransaction transaction, string sql, string runId)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", runId);
        return command.ExecuteScalar();
    }

    private void Execute(SqliteTransaction? transaction, string sql, string? runId = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (runId is not null)
            command.Parameters.AddWithValue("$id", runId);
        command.ExecuteNonQuery();
    }
}
