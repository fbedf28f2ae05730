using System.Data;
using System.Data.Common;

namespace Kiln.Tracking;

/// <summary>
/// One database connection at a time for a part of the store that keeps its own tables (the registry, the API keys):
/// calls are serialised, and each runs in a read or write transaction of the dialect.
/// </summary>
internal sealed class SqlSession : IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly Lock _gate = new();

    /// <summary>Takes <paramref name="dialect"/>, which is disposed with the session.</summary>
    public SqlSession(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
    }

    /// <summary>Where the database is, as messages show it (never with a password).</summary>
    public string Location => _dialect.Description;

    /// <summary>Whether <paramref name="exception"/> is the database refusing a duplicate of a unique key.</summary>
    public bool IsUniqueViolation(DbException exception) => _dialect.IsUniqueViolation(exception);

    /// <summary>Runs <paramref name="work"/> on the connection, alone.</summary>
    public T Use<T>(Func<DbConnection, T> work)
    {
        lock (_gate)
        {
            var connection = _dialect.Acquire();
            try
            {
                return work(connection);
            }
            finally
            {
                _dialect.Release(connection);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in a read transaction.</summary>
    public T Read<T>(Func<DbTransaction, T> work) => Use(connection =>
    {
        using var transaction = _dialect.BeginRead(connection);
        var result = work(transaction);
        transaction.Commit();
        return result;
    });

    /// <summary>Runs <paramref name="work"/> in a write transaction.</summary>
    public T Write<T>(Func<DbTransaction, T> work) => Use(connection =>
    {
        using var transaction = _dialect.BeginWrite(connection);
        var result = work(transaction);
        transaction.Commit();
        return result;
    });

    /// <summary>Begins a write transaction on <paramref name="connection"/> (inside <see cref="Use{T}"/>), for callers that retry.</summary>
    public DbTransaction BeginWrite(DbConnection connection) => _dialect.BeginWrite(connection);

    /// <summary>Applies the component's missing migrations (<see cref="ComponentMigrations"/>) in one migration transaction.</summary>
    public void Migrate(string versionTable, IReadOnlyList<IReadOnlyList<string>> migrations, string what) => Use(connection =>
    {
        using var transaction = _dialect.BeginMigration(connection);
        ComponentMigrations.Apply(transaction, versionTable, migrations, what, Location);
        transaction.Commit();
        return 0;
    });

    /// <summary>A command in <paramref name="transaction"/>.</summary>
    public static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds a text parameter (null as SQL NULL).</summary>
    public static DbParameter Bind(DbCommand command, string name, string? value) => Bind(command, name, value, DbType.String);

    /// <summary>Adds a 64-bit integer parameter.</summary>
    public static DbParameter Bind(DbCommand command, string name, long value) => Bind(command, name, value, DbType.Int64);

    /// <summary>Adds a double parameter.</summary>
    public static DbParameter Bind(DbCommand command, string name, double value) => Bind(command, name, value, DbType.Double);

    public void Dispose() => _dialect.Dispose();

    private static DbParameter Bind(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
