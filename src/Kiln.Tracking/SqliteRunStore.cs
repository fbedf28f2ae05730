using System.Globalization;
using Kiln.Core;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking;

/// <summary>A run store in one SQLite file under a store root: zero set-up, safe for several writers at once.</summary>
/// <remarks>
/// The file is <c>&lt;root&gt;/tracking.db</c>, in WAL mode so readers never block the writer; writers wait for each
/// other up to <see cref="BusyTimeout"/>. The schema is versioned (table <c>schema_version</c>): opening applies the
/// missing migrations and refuses a file written by a newer Kiln. One instance is safe for concurrent use by several
/// threads (calls are serialised on its connection); for parallel writing, open one instance per writer.
/// </remarks>
public sealed class SqliteRunStore : IRunStore
{
    /// <summary>The store's file name under the store root.</summary>
    public const string FileName = "tracking.db";

    /// <summary>How long a writer waits for another writer's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();

    /// <summary>Opens (creating when absent) the store under <paramref name="storeRoot"/> and brings its schema up to date.</summary>
    /// <param name="storeRoot">The store root folder; created when absent.</param>
    /// <param name="timeProvider">The clock for start and end times.</param>
    /// <exception cref="KilnException">The file is not a run store, or was written by a newer Kiln.</exception>
    public SqliteRunStore(string storeRoot, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        Directory.CreateDirectory(storeRoot);
        FilePath = Path.GetFullPath(Path.Combine(storeRoot, FileName));
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};"));
            Execute("PRAGMA journal_mode = WAL;");
            Execute("PRAGMA synchronous = NORMAL;");
            Execute("PRAGMA foreign_keys = ON;");
            Migrate();
        }
        catch (SqliteException exception)
        {
            _connection.Dispose();
            throw new KilnException($"Could not open the run store '{FilePath}': {exception.Message}. Check that the file is a Kiln run store and that the folder is writable.", exception);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The full path of the store's file.</summary>
    public string FilePath { get; }

    /// <summary>The schema version of the file (after opening, always the current one).</summary>
    public int SchemaVersion
    {
        get
        {
            lock (_gate)
                return ReadSchemaVersion(null);
        }
    }

    /// <inheritdoc/>
    public Run CreateRun(NewRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        TrackingNames.ValidateName(run.Id, "run id", nameof(run));
        TrackingNames.ValidateName(run.JobName, "job name", nameof(run));
        TrackingNames.ValidateName(run.Namespace, "namespace", nameof(run));
        if (run.ParentId is not null)
            TrackingNames.ValidateName(run.ParentId, "parent run id", nameof(run));
        if (string.IsNullOrWhiteSpace(run.Host))
            throw new ArgumentException($"The host of run '{run.Id}' is empty: give the machine's name.", nameof(run));
        if (!Enum.IsDefined(run.Environment))
            throw new ArgumentException($"The environment {(int)run.Environment} of run '{run.Id}' is not valid: use develop or production.", nameof(run));

        var started = _timeProvider.GetUtcNow().ToUniversalTime();
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            if (Exists(transaction, run.Id))
                throw new KilnException($"Run id '{run.Id}' is already used in the store '{FilePath}'. Give the run a new id.");
            var taken = ScalarText(transaction, "SELECT id FROM runs WHERE namespace = $namespace AND job_name = $job_name;",
                ("$namespace", run.Namespace), ("$job_name", run.JobName));
            if (taken is not null)
                throw new KilnException($"Job name '{run.JobName}' is already used in namespace '{run.Namespace}' (by run '{taken}'). Choose another job name, or leave it out to have one generated.");
            if (run.ParentId is not null && !Exists(transaction, run.ParentId))
                throw new KilnException($"The parent run '{run.ParentId}' of run '{run.Id}' is not in the store '{FilePath}'. Create the parent run first.");

            using var command = Command(transaction, """
                INSERT INTO runs (id, job_name, namespace, environment, parent_id, status, started_ticks, ended_ticks, seed, data_version, code_version, host)
                VALUES ($id, $job_name, $namespace, $environment, $parent_id, $status, $started, NULL, $seed, $data_version, $code_version, $host);
                """);
            Bind(command, "$id", run.Id);
            Bind(command, "$job_name", run.JobName);
            Bind(command, "$namespace", run.Namespace);
            Bind(command, "$environment", EnvironmentText(run.Environment));
            Bind(command, "$parent_id", run.ParentId);
            Bind(command, "$status", StatusText(RunStatus.Running));
            Bind(command, "$started", started.UtcTicks);
            Bind(command, "$seed", unchecked((long)run.Seed));
            Bind(command, "$data_version", run.DataVersion);
            Bind(command, "$code_version", run.CodeVersion);
            Bind(command, "$host", run.Host);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        return new Run
        {
            Id = run.Id,
            JobName = run.JobName,
            Namespace = run.Namespace,
            Environment = run.Environment,
            ParentId = run.ParentId,
            Status = RunStatus.Running,
            Started = new DateTimeOffset(started.UtcTicks, TimeSpan.Zero),
            Seed = run.Seed,
            DataVersion = run.DataVersion,
            CodeVersion = run.CodeVersion,
            Host = run.Host,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal),
            Tags = new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    /// <inheritdoc/>
    public void LogParameters(string runId, IReadOnlyDictionary<string, string> parameters)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        ArgumentNullException.ThrowIfNull(parameters);
        ValidatePairs(parameters, "parameter key", nameof(parameters));
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            RequireRun(transaction, runId);
            using var read = Command(transaction, "SELECT value FROM parameters WHERE run_id = $run_id AND key = $key;");
            Bind(read, "$run_id", runId);
            var readKey = Bind(read, "$key", string.Empty);
            using var insert = Command(transaction, "INSERT INTO parameters (run_id, key, value) VALUES ($run_id, $key, $value);");
            Bind(insert, "$run_id", runId);
            var insertKey = Bind(insert, "$key", string.Empty);
            var insertValue = Bind(insert, "$value", string.Empty);
            foreach (var (key, value) in parameters)
            {
                readKey.Value = key;
                if (read.ExecuteScalar() is string existing)
                {
                    if (!string.Equals(existing, value, StringComparison.Ordinal))
                        throw new KilnException($"Parameter '{key}' of run '{runId}' is already '{existing}'; it cannot become '{value}'. Parameters are fixed once logged: record the new value under another key, or start a new run.");
                    continue;
                }
                insertKey.Value = key;
                insertValue.Value = value;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <inheritdoc/>
    public void LogMetrics(string runId, IReadOnlyList<MetricPoint> points)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw new ArgumentException($"Metric point {i} of the batch for run '{runId}' is null.", nameof(points));
            TrackingNames.ValidateKey(point.Key, "metric key", nameof(points));
            if (point.Step < 0)
                throw new ArgumentException($"Metric '{point.Key}' of run '{runId}' has step {point.Step}: steps are 0 or more.", nameof(points));
        }
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            RequireRun(transaction, runId);
            using var insert = Command(transaction, "INSERT INTO metrics (run_id, key, step, value) VALUES ($run_id, $key, $step, $value);");
            Bind(insert, "$run_id", runId);
            var key = Bind(insert, "$key", string.Empty);
            var step = Bind(insert, "$step", 0L);
            var value = Bind(insert, "$value", 0.0);
            insert.Prepare();
            foreach (var point in points)
            {
                key.Value = point.Key;
                step.Value = point.Step;
                value.Value = double.IsNaN(point.Value) ? DBNull.Value : point.Value;
                try
                {
                    insert.ExecuteNonQuery();
                }
                catch (SqliteException exception) when (exception.SqliteErrorCode == ConstraintError)
                {
                    throw new KilnException($"Metric '{point.Key}' of run '{runId}' already has a value at step {point.Step}; nothing from this batch was recorded. Log each step once.", exception);
                }
            }
            transaction.Commit();
        }
    }

    /// <inheritdoc/>
    public void SetTags(string runId, IReadOnlyDictionary<string, string> tags)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        ArgumentNullException.ThrowIfNull(tags);
        ValidatePairs(tags, "tag key", nameof(tags));
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            RequireRun(transaction, runId);
            using var upsert = Command(transaction, """
                INSERT INTO tags (run_id, key, value) VALUES ($run_id, $key, $value)
                ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value;
                """);
            Bind(upsert, "$run_id", runId);
            var key = Bind(upsert, "$key", string.Empty);
            var value = Bind(upsert, "$value", string.Empty);
            foreach (var (tagKey, tagValue) in tags)
            {
                key.Value = tagKey;
                value.Value = tagValue;
                upsert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <inheritdoc/>
    public void EndRun(string runId, RunStatus status)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        if (status == RunStatus.Running || !Enum.IsDefined(status))
            throw new ArgumentException($"Run '{runId}' cannot end with status '{status}': use finished, failed or killed.", nameof(status));
        var ended = _timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var current = ScalarText(transaction, "SELECT status FROM runs WHERE id = $id;", ("$id", runId))
                ?? throw UnknownRun(runId);
            if (ParseStatus(current) != RunStatus.Running)
                throw new KilnException($"Run '{runId}' has already ended as {current}; it cannot become {StatusText(status)}. Start a new run instead.");
            using var update = Command(transaction, "UPDATE runs SET status = $status, ended_ticks = $ended WHERE id = $id;");
            Bind(update, "$status", StatusText(status));
            Bind(update, "$ended", ended);
            Bind(update, "$id", runId);
            update.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <inheritdoc/>
    public Run? GetRun(string runId)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            using var command = Command(transaction, $"{SelectRuns} WHERE id = $id;");
            Bind(command, "$id", runId);
            var runs = ReadRuns(transaction, command);
            return runs.Count == 0 ? null : runs[0];
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricPoint> GetMetrics(string runId)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            RequireRun(transaction, runId);
            using var command = Command(transaction, "SELECT key, step, value FROM metrics WHERE run_id = $run_id ORDER BY key, step;");
            Bind(command, "$run_id", runId);
            var points = new List<MetricPoint>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                points.Add(new MetricPoint(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2)));
            return points;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<Run> ListRuns(RunFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Namespace is not null)
            TrackingNames.ValidateName(filter.Namespace, "namespace", nameof(filter));
        if (filter.ParentId is not null)
            TrackingNames.ValidateName(filter.ParentId, "parent run id", nameof(filter));
        if (filter.ParentId is not null && filter.TopLevelOnly)
            throw new ArgumentException($"The filter asks for the children of run '{filter.ParentId}' and for top-level runs only; no run is both. Drop one of the two.", nameof(filter));
        if (filter.Status is { } wanted && !Enum.IsDefined(wanted))
            throw new ArgumentException($"The status {(int)wanted} in the filter is not valid: use running, finished, failed or killed.", nameof(filter));

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            using var command = Command(transaction, $"""
                {SelectRuns}
                WHERE ($namespace IS NULL OR namespace = $namespace)
                  AND ($status IS NULL OR status = $status)
                  AND ($parent_id IS NULL OR parent_id = $parent_id)
                  AND ($top_level = 0 OR parent_id IS NULL)
                ORDER BY started_ticks, id;
                """);
            Bind(command, "$namespace", filter.Namespace);
            Bind(command, "$status", filter.Status is { } status ? StatusText(status) : null);
            Bind(command, "$parent_id", filter.ParentId);
            Bind(command, "$top_level", filter.TopLevelOnly ? 1L : 0L);
            return ReadRuns(transaction, command);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private const int ConstraintError = 19;

    private const string SelectRuns = """
        SELECT id, job_name, namespace, environment, parent_id, status, started_ticks, ended_ticks, seed, data_version, code_version, host
        FROM runs
        """;

    private void Migrate()
    {
        using var transaction = _connection.BeginTransaction();
        using (var create = Command(transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"))
            create.ExecuteNonQuery();
        var version = ReadSchemaVersion(transaction);
        if (version > SqliteMigrations.Current)
            throw new KilnException($"The run store '{FilePath}' has schema version {version}, but this Kiln understands versions up to {SqliteMigrations.Current}. Open it with a newer Kiln, or point --store at another folder.");
        for (var next = version + 1; next <= SqliteMigrations.Current; next++)
        {
            using (var migration = Command(transaction, SqliteMigrations.All[next - 1]))
                migration.ExecuteNonQuery();
            using var record = Command(transaction, "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($version);");
            Bind(record, "$version", (long)next);
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private int ReadSchemaVersion(SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_version;";
        return command.ExecuteScalar() is long version ? checked((int)version) : 0;
    }

    private List<Run> ReadRuns(SqliteTransaction transaction, SqliteCommand command)
    {
        var rows = new List<Run>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(new Run
                {
                    Id = reader.GetString(0),
                    JobName = reader.GetString(1),
                    Namespace = reader.GetString(2),
                    Environment = ParseEnvironment(reader.GetString(3)),
                    ParentId = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Status = ParseStatus(reader.GetString(5)),
                    Started = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                    Ended = reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                    Seed = unchecked((ulong)reader.GetInt64(8)),
                    DataVersion = reader.IsDBNull(9) ? null : reader.GetString(9),
                    CodeVersion = reader.IsDBNull(10) ? null : reader.GetString(10),
                    Host = reader.GetString(11),
                    Parameters = new Dictionary<string, string>(StringComparer.Ordinal),
                    Tags = new Dictionary<string, string>(StringComparer.Ordinal),
                });
            }
        }
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i] = rows[i] with
            {
                Parameters = ReadPairs(transaction, "SELECT key, value FROM parameters WHERE run_id = $run_id;", rows[i].Id),
                Tags = ReadPairs(transaction, "SELECT key, value FROM tags WHERE run_id = $run_id;", rows[i].Id),
            };
        }
        return rows;
    }

    private Dictionary<string, string> ReadPairs(SqliteTransaction transaction, string sql, string runId)
    {
        using var command = Command(transaction, sql);
        Bind(command, "$run_id", runId);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            pairs[reader.GetString(0)] = reader.GetString(1);
        return pairs;
    }

    private void RequireRun(SqliteTransaction transaction, string runId)
    {
        if (!Exists(transaction, runId))
            throw UnknownRun(runId);
    }

    private KilnException UnknownRun(string runId) =>
        new($"There is no run '{runId}' in the store '{FilePath}'. Check the id (list the runs to see them).");

    private bool Exists(SqliteTransaction transaction, string runId) =>
        ScalarText(transaction, "SELECT id FROM runs WHERE id = $id;", ("$id", runId)) is not null;

    private string? ScalarText(SqliteTransaction transaction, string sql, params (string Name, string Value)[] parameters)
    {
        using var command = Command(transaction, sql);
        foreach (var (name, value) in parameters)
            Bind(command, name, value);
        return command.ExecuteScalar() as string;
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteParameter Bind(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private static void ValidatePairs(IReadOnlyDictionary<string, string> pairs, string what, string parameterName)
    {
        foreach (var (key, value) in pairs)
        {
            TrackingNames.ValidateKey(key, what, parameterName);
            if (value is null)
                throw new ArgumentException($"The value of {what} '{key}' is null: give a value (an empty string is allowed).", parameterName);
        }
    }

    private static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Finished => "finished",
        RunStatus.Failed => "failed",
        RunStatus.Killed => "killed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    private RunStatus ParseStatus(string text) => text switch
    {
        "running" => RunStatus.Running,
        "finished" => RunStatus.Finished,
        "failed" => RunStatus.Failed,
        "killed" => RunStatus.Killed,
        _ => throw new KilnException($"The run store '{FilePath}' holds an unknown run status '{text}'. The file was changed outside Kiln."),
    };

    private static string EnvironmentText(RunEnvironment environment) => environment switch
    {
        RunEnvironment.Develop => "develop",
        RunEnvironment.Production => "production",
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown environment."),
    };

    private RunEnvironment ParseEnvironment(string text) => text switch
    {
        "develop" => RunEnvironment.Develop,
        "production" => RunEnvironment.Production,
        _ => throw new KilnException($"The run store '{FilePath}' holds an unknown environment '{text}'. The file was changed outside Kiln."),
    };
}
