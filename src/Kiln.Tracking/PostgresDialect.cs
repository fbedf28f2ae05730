using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Kiln.Tracking;

/// <summary>
/// PostgreSQL under a <see cref="SqlRunStore"/>: pooled connections from one <see cref="NpgsqlDataSource"/>, READ
/// COMMITTED writes (the constraints and conditional updates keep concurrent writers correct), snapshot reads,
/// migrations under an advisory lock, and metric values through binary COPY.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>PostgreSQL's SQLSTATE for a unique or primary-key violation.</summary>
    private const string UniqueViolation = "23505";

    /// <summary>The advisory lock every Kiln process takes while it checks and applies migrations ("KILNTRK1").</summary>
    private const long MigrationLock = 0x4B494C4E_54524B31;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>A dialect for the database <paramref name="settings"/> name; nothing is opened until the first use.</summary>
    public PostgresDialect(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Description = PostgresConnectionStrings.Describe(settings);
        if (string.IsNullOrEmpty(settings.ApplicationName))
            settings.ApplicationName = "kiln";
        _dataSource = NpgsqlDataSource.Create(settings);
    }

    public override string Description { get; }

    public override IReadOnlyList<string> Migrations => PostgresMigrations.All;

    public override DbConnection Acquire() => _dataSource.OpenConnection();

    public override void Release(DbConnection connection) => connection.Dispose();

    public override DbTransaction BeginWrite(DbConnection connection) =>
        ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);

    // One snapshot for a whole read (runs, then their parameters and tags); read-only, so it never fails to serialise.
    public override DbTransaction BeginRead(DbConnection connection) =>
        ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.RepeatableRead);

    public override DbTransaction BeginMigration(DbConnection connection)
    {
        var transaction = BeginWrite(connection);
        try
        {
            using var command = ((NpgsqlConnection)connection).CreateCommand();
            command.Transaction = (NpgsqlTransaction)transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key);";
            command.Parameters.AddWithValue("@key", NpgsqlDbType.Bigint, MigrationLock);
            command.ExecuteNonQuery();
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    public override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: UniqueViolation };

    public override void InsertMetrics(DbConnection connection, DbTransaction transaction, string runId, IReadOnlyList<MetricPoint> points)
    {
        // COPY runs in the connection's open transaction: a violation aborts it, and nothing of the batch stays.
        using var importer = ((NpgsqlConnection)connection).BeginBinaryImport("COPY metrics (run_id, key, step, value) FROM STDIN (FORMAT BINARY)");
        foreach (var point in points)
        {
            importer.StartRow();
            importer.Write(runId, NpgsqlDbType.Text);
            importer.Write(point.Key, NpgsqlDbType.Text);
            importer.Write(point.Step, NpgsqlDbType.Bigint);
            if (double.IsNaN(point.Value))
                importer.WriteNull();
            else
                importer.Write(point.Value, NpgsqlDbType.Double);
        }
        importer.Complete();
    }

    public override void Dispose() => _dataSource.Dispose();
}
