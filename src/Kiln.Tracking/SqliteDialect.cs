using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking;

/// <summary>
/// SQLite under a <see cref="SqlRunStore"/>: one connection to one file, WAL journal, writes in <c>BEGIN IMMEDIATE</c>
/// transactions (so a writer takes the file's write lock before reading what it checks), metric values through one
/// prepared insert.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const int ConstraintError = 19;

    private readonly SqliteConnection _connection;
    private readonly TimeSpan _busyTimeout;

    /// <summary>A dialect for the file <paramref name="filePath"/>; nothing is opened until the first use.</summary>
    public SqliteDialect(string filePath, TimeSpan busyTimeout)
    {
        FilePath = filePath;
        _busyTimeout = busyTimeout;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)busyTimeout.TotalSeconds,
        };
        _connection = new SqliteConnection(builder.ToString());
    }

    /// <summary>The full path of the file.</summary>
    public string FilePath { get; }

    public override string Description => FilePath;

    public override IReadOnlyList<string> Migrations => SqliteMigrations.All;

    public override DbConnection Acquire()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            _connection.Open();
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)_busyTimeout.TotalMilliseconds};"));
            Execute("PRAGMA journal_mode = WAL;");
            Execute("PRAGMA synchronous = NORMAL;");
            Execute("PRAGMA foreign_keys = ON;");
        }
        return _connection;
    }

    public override void Release(DbConnection connection)
    {
        // The one connection stays open for the store's life.
    }

    // Microsoft.Data.Sqlite begins a non-deferred transaction with BEGIN IMMEDIATE.
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction();

    public override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    public override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: ConstraintError };

    public override void InsertMetrics(DbConnection connection, DbTransaction transaction, string runId, IReadOnlyList<MetricPoint> points)
    {
        using var insert = ((SqliteConnection)connection).CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText = "INSERT INTO metrics (run_id, key, step, value) VALUES (@run_id, @key, @step, @value);";
        insert.Parameters.Add("@run_id", SqliteType.Text).Value = runId;
        var key = insert.Parameters.Add("@key", SqliteType.Text);
        var step = insert.Parameters.Add("@step", SqliteType.Integer);
        var value = insert.Parameters.Add("@value", SqliteType.Real);
        insert.Prepare();
        foreach (var point in points)
        {
            key.Value = point.Key;
            step.Value = point.Step;
            value.Value = double.IsNaN(point.Value) ? DBNull.Value : point.Value;
            insert.ExecuteNonQuery();
        }
    }

    public override void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
