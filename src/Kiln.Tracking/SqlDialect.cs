using System.Data.Common;

namespace Kiln.Tracking;

/// <summary>
/// What differs between the databases a <see cref="SqlRunStore"/> runs on: connecting, how transactions begin, the
/// migrations, how a unique-constraint violation looks, and the fastest way to insert many metric values.
/// </summary>
/// <remarks>Every statement the store itself sends is portable SQL with <c>@name</c> parameters.</remarks>
internal abstract class SqlDialect : IDisposable
{
    /// <summary>The store as a message names it: a file path, or a connection without its password.</summary>
    public abstract string Description { get; }

    /// <summary>The migrations in order; index 0 is migration 1.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>An open connection with the session settings applied; hand it back with <see cref="Release"/>.</summary>
    public abstract DbConnection Acquire();

    /// <summary>Hands back a connection from <see cref="Acquire"/>.</summary>
    public abstract void Release(DbConnection connection);

    /// <summary>Begins a transaction that will write; writers in other processes wait for it or it waits for them.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Begins a transaction that only reads.</summary>
    public abstract DbTransaction BeginRead(DbConnection connection);

    /// <summary>Begins the transaction that checks and applies migrations, holding off every other migrating process.</summary>
    public virtual DbTransaction BeginMigration(DbConnection connection) => BeginWrite(connection);

    /// <summary>Whether <paramref name="exception"/> says a row broke a primary key or unique constraint.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Inserts the metric values of one run inside <paramref name="transaction"/>; NaN is stored as NULL.</summary>
    /// <exception cref="DbException">A (key, step) is already stored (<see cref="IsUniqueViolation"/>), or the database failed.</exception>
    public abstract void InsertMetrics(DbConnection connection, DbTransaction transaction, string runId, IReadOnlyList<MetricPoint> points);

    /// <summary>Closes what the dialect holds open.</summary>
    public abstract void Dispose();
}
