using Npgsql;

namespace Kiln.Tracking.Tests;

/// <summary>A schema made for one test in a <see cref="PostgresDatabase"/>; dropped with everything in it on dispose.</summary>
internal sealed class PostgresSchema(PostgresDatabase database, string name, NpgsqlConnectionStringBuilder settings) : IDisposable
{
    public string Name { get; } = name;

    /// <summary>The store's connection in Npgsql's keyword form, with the schema as the search path.</summary>
    public string ConnectionString { get; } = settings.ConnectionString;

    /// <summary>The store's connection as a <c>postgres://</c> URL, with the schema as the search path.</summary>
    public string Url { get; } = $"{database.Url}?search_path={name}";

    public void Execute(string sql) => PostgresDatabase.Execute(ConnectionString, sql);

    public long Scalar(string sql) => PostgresDatabase.Scalar(ConnectionString, sql);

    public void Dispose() => PostgresDatabase.Execute(database.ConnectionString, $"DROP SCHEMA IF EXISTS {Name} CASCADE;");
}
