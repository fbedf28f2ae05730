using Npgsql;

namespace Kiln.Tracking.Tests;

/// <summary>A database made for one test class on the test server; dropped (connections and all) on dispose.</summary>
internal sealed class PostgresDatabase(string name, NpgsqlConnectionStringBuilder settings) : IDisposable
{
    public string Name { get; } = name;

    /// <summary>The database in Npgsql's keyword form.</summary>
    public string ConnectionString { get; } = settings.ConnectionString;

    /// <summary>The database as a <c>postgres://</c> URL.</summary>
    public string Url { get; } = $"postgres://{Uri.EscapeDataString(settings.Username ?? "postgres")}@{settings.Host}:{settings.Port}/{name}";

    /// <summary>
    /// A new, empty schema in the database with a unique name, for one test: a store opened on it (its connection
    /// string sets the search path) starts from nothing, as on a new database, in a few milliseconds.
    /// </summary>
    public PostgresSchema CreateSchema()
    {
        var schema = "kiln_" + Guid.NewGuid().ToString("N")[..16];
        Execute(ConnectionString, $"CREATE SCHEMA {schema};");
        return new PostgresSchema(this, schema, new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema });
    }

    /// <summary>Runs one statement on the connection, outside any store.</summary>
    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, as a 64-bit integer.</summary>
    public static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => PostgresServer.ExecuteAdmin($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);");
}
