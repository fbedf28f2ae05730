using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Kiln.Tracking.Tests;

/// <summary>
/// The PostgreSQL server the tests use: the one <c>KILN_TEST_POSTGRES</c> names, or, when that is unset, the local
/// server <c>tests/Kiln.Tracking.Tests/postgres.sh</c> installs and starts. When neither works every PostgreSQL test
/// fails with a message that says how to start the server; none is skipped.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "KILN_TEST_POSTGRES";

    private const string Script = "tests/Kiln.Tracking.Tests/postgres.sh";

    private const string HowToStart =
        $"Start the test server with '{Script}' (as root it installs postgresql-15 when missing; it prints the connection string) and set {Variable} to what it prints, e.g. eval \"$({Script} --export)\"; or set {Variable} to any PostgreSQL 15+ server where the user may create databases, e.g. Host=127.0.0.1;Port=54329;Username=postgres.";

    private static readonly Lazy<NpgsqlConnectionStringBuilder> Server = new(Find);

    /// <summary>Creates a new, empty database with a unique name; dispose it to drop it.</summary>
    public static PostgresDatabase CreateDatabase()
    {
        var name = "kiln_test_" + Guid.NewGuid().ToString("N")[..16];
        // FILE_COPY: a fresh database in tens of milliseconds, where the default WAL_LOG copy takes about 100.
        ExecuteAdmin($"CREATE DATABASE {name} STRATEGY FILE_COPY;");
        var settings = new NpgsqlConnectionStringBuilder(Server.Value.ConnectionString) { Database = name };
        return new PostgresDatabase(name, settings);
    }

    /// <summary>Runs one statement on the server's <c>postgres</c> database.</summary>
    public static void ExecuteAdmin(string sql)
    {
        var settings = new NpgsqlConnectionStringBuilder(Server.Value.ConnectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static NpgsqlConnectionStringBuilder Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        var connection = string.IsNullOrWhiteSpace(configured) ? StartLocalServer() : configured.Trim();
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"{Variable}='{PostgresConnectionStrings.Mask(connection)}' is not an Npgsql connection string ({exception.Message}). {HowToStart}", exception);
        }
        try
        {
            using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "postgres", Pooling = false, Timeout = 10 }.ConnectionString);
            probe.Open();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException($"The PostgreSQL test server '{PostgresConnectionStrings.Mask(connection)}' does not answer: {exception.Message}. {HowToStart}", exception);
        }
        return settings;
    }

    private static string StartLocalServer()
    {
        var script = FindScript()
            ?? throw new InvalidOperationException($"{Variable} is not set and '{Script}' was not found above {AppContext.BaseDirectory}. {HowToStart}");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{Variable} is not set and bash could not run '{script}'. {HowToStart}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // Installing postgresql-15 with apt-get can take minutes on a fresh machine; a running server answers at once.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Variable} is not set and '{script}' did not finish in 10 minutes. {HowToStart}");
        }
        var lines = output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Variable} is not set and '{script}' failed (exit code {process.ExitCode}): {errors.GetAwaiter().GetResult().Trim()}. {HowToStart}"));
        }
        return lines[^1];
    }

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, Script);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
