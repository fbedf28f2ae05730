using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking.Registry;

/// <summary>The few things <see cref="SqlModelRegistry"/> does differently per database: how transactions start and how a unique-key violation is recognised.</summary>
public sealed class RegistryDialect
{
    private readonly Func<DbConnection, DbTransaction> _beginRead;
    private readonly Func<DbConnection, DbTransaction> _beginWrite;
    private readonly Func<DbException, bool> _isUniqueViolation;

    /// <summary>Describes a database.</summary>
    /// <param name="name">The database's name, for messages.</param>
    /// <param name="beginRead">Starts a transaction that reads a consistent snapshot.</param>
    /// <param name="beginWrite">Starts a transaction that writes.</param>
    /// <param name="isUniqueViolation">Whether an exception is a violated unique or primary key (the registry retries those).</param>
    public RegistryDialect(string name, Func<DbConnection, DbTransaction> beginRead, Func<DbConnection, DbTransaction> beginWrite, Func<DbException, bool> isUniqueViolation)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(beginRead);
        ArgumentNullException.ThrowIfNull(beginWrite);
        ArgumentNullException.ThrowIfNull(isUniqueViolation);
        Name = name;
        _beginRead = beginRead;
        _beginWrite = beginWrite;
        _isUniqueViolation = isUniqueViolation;
    }

    /// <summary>SQLite: reads in a deferred transaction, writes in <c>BEGIN IMMEDIATE</c> (writers queue on the busy timeout), constraint errors are code 19.</summary>
    public static RegistryDialect Sqlite { get; } = new(
        "SQLite",
        connection => ((SqliteConnection)connection).BeginTransaction(deferred: true),
        connection => ((SqliteConnection)connection).BeginTransaction(deferred: false),
        exception => exception is SqliteException { SqliteErrorCode: 19 } sqlite && IsSqliteUniqueViolation(sqlite));

    /// <summary>PostgreSQL: reads in a repeatable-read snapshot, writes in read committed, unique violations are SQLSTATE 23505.</summary>
    public static RegistryDialect PostgreSql { get; } = new(
        "PostgreSQL",
        connection => connection.BeginTransaction(IsolationLevel.RepeatableRead),
        connection => connection.BeginTransaction(IsolationLevel.ReadCommitted),
        exception => exception.SqlState == "23505");

    /// <summary>The database's name.</summary>
    public string Name { get; }

    internal DbTransaction BeginRead(DbConnection connection) => _beginRead(connection);

    internal DbTransaction BeginWrite(DbConnection connection) => _beginWrite(connection);

    internal bool IsUniqueViolation(DbException exception) => _isUniqueViolation(exception);

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555); not foreign-key or NOT NULL failures.
    private static bool IsSqliteUniqueViolation(SqliteException exception) => exception.SqliteExtendedErrorCode is 2067 or 1555;
}
