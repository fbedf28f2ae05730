using System.Data.Common;
using System.Globalization;
using Kiln.Core;

namespace Kiln.Tracking;

/// <summary>
/// Migrations of a part of the store that keeps its own schema version (the registry, the API keys): a one-row table
/// <c>&lt;versionTable&gt;</c> holds the version; migration <c>n</c> (a list of statements) takes it from n-1 to n.
/// </summary>
internal static class ComponentMigrations
{
    /// <summary>Applies the missing migrations inside <paramref name="transaction"/> (the caller commits).</summary>
    /// <param name="transaction">A migration transaction (<see cref="SqlDialect.BeginMigration"/>).</param>
    /// <param name="versionTable">The component's version table.</param>
    /// <param name="migrations">Every migration, in order: index 0 is migration 1.</param>
    /// <param name="what">What the component is, for the message ("The model registry").</param>
    /// <param name="location">Where the database is, for the message.</param>
    /// <exception cref="KilnException">The database holds a newer version than <paramref name="migrations"/> knows.</exception>
    public static void Apply(DbTransaction transaction, string versionTable, IReadOnlyList<IReadOnlyList<string>> migrations, string what, string location)
    {
        Execute(transaction, $"CREATE TABLE IF NOT EXISTS {versionTable} (version BIGINT NOT NULL)");
        var version = ReadVersion(transaction, versionTable);
        if (version > migrations.Count)
            throw new KilnException($"{what} at {location} has schema version {version}, but this Kiln understands versions up to {migrations.Count}. Open it with a newer Kiln, or point --store at another store.");
        for (var next = version + 1; next <= migrations.Count; next++)
        {
            foreach (var statement in migrations[next - 1])
                Execute(transaction, statement);
            Execute(transaction, $"DELETE FROM {versionTable}");
            Execute(transaction, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO {versionTable} (version) VALUES ({next})"));
        }
    }

    /// <summary>The component's schema version: 0 when its version table is empty.</summary>
    public static int ReadVersion(DbTransaction transaction, string versionTable)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT MAX(version) FROM {versionTable}";
        var result = command.ExecuteScalar();
        return result is null or DBNull ? 0 : checked((int)Convert.ToInt64(result, CultureInfo.InvariantCulture));
    }

    private static void Execute(DbTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
