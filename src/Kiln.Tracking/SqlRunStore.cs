using System.Data;
using System.Data.Common;
using Kiln.Core;

namespace Kiln.Tracking;

/// <summary>
/// The run store's logic over ADO.NET, once for every database: validation, the schema migrations, the statements and
/// the error messages. What differs between SQLite and PostgreSQL is behind <see cref="SqlDialect"/>.
/// </summary>
/// <remarks>
/// Calls are serialised on the instance. Statements are written so that several instances, in several processes, may
/// write at once: uniqueness is left to the constraints (a violation becomes the same message as the check before it),
/// and status changes are conditional updates, so two writers never both end one run.
/// </remarks>
internal sealed class SqlRunStore : IRunStore
{
    private const string SelectRuns = """
        SELECT id, job_name, namespace, environment, parent_id, status, started_ticks, ended_ticks, seed, data_version, code_version, host,
               COALESCE(heartbeat_ticks, started_ticks)
        FROM runs
        """;

    private const string FilterRuns = """
        WHERE (@namespace IS NULL OR namespace = @namespace)
          AND (@status IS NULL OR status = @status)
          AND (@parent_id IS NULL OR parent_id = @parent_id)
          AND (@top_level = 0 OR parent_id IS NULL)
        """;

    /// <summary>The tables whose rows belong to one run (by <c>run_id</c>).</summary>
    private static readonly string[] RunDataTables = ["metrics", "parameters", "tags"];

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();

    /// <summary>Takes <paramref name="dialect"/> (disposed with the store) and brings the schema up to date.</summary>
    /// <exception cref="KilnException">The store was written by a newer Kiln.</exception>
    public SqlRunStore(SqlDialect dialect, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dialect = dialect;
        _timeProvider = timeProvider;
        Migrate();
    }

    /// <summary>The schema version of the store (after opening, always the current one).</summary>
    public int SchemaVersion => Use(connection =>
    {
        using var transaction = _dialect.BeginRead(connection);
        return ReadSchemaVersion(connection, transaction);
    });

    private string StoreName => _dialect.Description;

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

        var started = _timeProvider.GetUtcNow().UtcTicks;
        Use(connection =>
        {
            try
            {
                using var transaction = _dialect.BeginWrite(connection);
                ThrowIfTaken(connection, transaction, run);
                if (run.ParentId is not null && !Exists(connection, transaction, run.ParentId))
                    throw new KilnException($"The parent run '{run.ParentId}' of run '{run.Id}' is not in the store '{StoreName}'. Create the parent run first.");

                using var command = Command(connection, transaction, """
                    INSERT INTO runs (id, job_name, namespace, environment, parent_id, status, started_ticks, ended_ticks, seed, data_version, code_version, host, heartbeat_ticks)
                    VALUES (@id, @job_name, @namespace, @environment, @parent_id, @status, @started, NULL, @seed, @data_version, @code_version, @host, @started);
                    """);
                BindText(command, "@id", run.Id);
                BindText(command, "@job_name", run.JobName);
                BindText(command, "@namespace", run.Namespace);
                BindText(command, "@environment", EnvironmentText(run.Environment));
                BindText(command, "@parent_id", run.ParentId);
                BindText(command, "@status", StatusText(RunStatus.Running));
                BindInteger(command, "@started", started);
                BindInteger(command, "@seed", unchecked((long)run.Seed));
                BindText(command, "@data_version", run.DataVersion);
                BindText(command, "@code_version", run.CodeVersion);
                BindText(command, "@host", run.Host);
                command.ExecuteNonQuery();
                transaction.Commit();
            }
            catch (DbException exception) when (_dialect.IsUniqueViolation(exception))
            {
                // Another writer took the id or the job name between the check and the insert.
                using var transaction = _dialect.BeginRead(connection);
                ThrowIfTaken(connection, transaction, run);
                throw;
            }
            return 0;
        });
        return new Run
        {
            Id = run.Id,
            JobName = run.JobName,
            Namespace = run.Namespace,
            Environment = run.Environment,
            ParentId = run.ParentId,
            Status = RunStatus.Running,
            Started = new DateTimeOffset(started, TimeSpan.Zero),
            LastHeartbeat = new DateTimeOffset(started, TimeSpan.Zero),
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
        Use(connection =>
        {
            using var transaction = _dialect.BeginWrite(connection);
            RequireRun(connection, transaction, runId);
            // Insert unless present, then compare: a concurrent writer of the same key cannot make this fail halfway.
            using var insert = Command(connection, transaction, "INSERT INTO parameters (run_id, key, value) VALUES (@run_id, @key, @value) ON CONFLICT (run_id, key) DO NOTHING;");
            BindText(insert, "@run_id", runId);
            var insertKey = BindText(insert, "@key", string.Empty);
            var insertValue = BindText(insert, "@value", string.Empty);
            using var read = Command(connection, transaction, "SELECT value FROM parameters WHERE run_id = @run_id AND key = @key;");
            BindText(read, "@run_id", runId);
            var readKey = BindText(read, "@key", string.Empty);
            foreach (var (key, value) in parameters)
            {
                insertKey.Value = key;
                insertValue.Value = value;
                if (insert.ExecuteNonQuery() == 1)
                    continue;
                readKey.Value = key;
                var existing = read.ExecuteScalar() as string;
                if (!string.Equals(existing, value, StringComparison.Ordinal))
                    throw new KilnException($"Parameter '{key}' of run '{runId}' is already '{existing}'; it cannot become '{value}'. Parameters are fixed once logged: record the new value under another key, or start a new run.");
            }
            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public void LogMetrics(string runId, IReadOnlyList<MetricPoint> points)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        ArgumentNullException.ThrowIfNull(points);
        var seen = new HashSet<(string Key, long Step)>();
        MetricPoint? repeated = null;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw new ArgumentException($"Metric point {i} of the batch for run '{runId}' is null.", nameof(points));
            TrackingNames.ValidateKey(point.Key, "metric key", nameof(points));
            if (point.Step < 0)
                throw new ArgumentException($"Metric '{point.Key}' of run '{runId}' has step {point.Step}: steps are 0 or more.", nameof(points));
            if (!seen.Add((point.Key, point.Step)))
                repeated ??= point;
        }
        Use(connection =>
        {
            try
            {
                using var transaction = _dialect.BeginWrite(connection);
                RequireRun(connection, transaction, runId);
                if (repeated is not null)
                    throw MetricTaken(runId, repeated, null);
                _dialect.InsertMetrics(connection, transaction, runId, points);
                transaction.Commit();
            }
            catch (DbException exception) when (_dialect.IsUniqueViolation(exception))
            {
                using var transaction = _dialect.BeginRead(connection);
                throw MetricTaken(runId, FirstStored(connection, transaction, runId, points), exception);
            }
            return 0;
        });
    }

    /// <inheritdoc/>
    public void SetTags(string runId, IReadOnlyDictionary<string, string> tags)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        ArgumentNullException.ThrowIfNull(tags);
        ValidatePairs(tags, "tag key", nameof(tags));
        Use(connection =>
        {
            using var transaction = _dialect.BeginWrite(connection);
            RequireRun(connection, transaction, runId);
            using var upsert = Command(connection, transaction, """
                INSERT INTO tags (run_id, key, value) VALUES (@run_id, @key, @value)
                ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value;
                """);
            BindText(upsert, "@run_id", runId);
            var key = BindText(upsert, "@key", string.Empty);
            var value = BindText(upsert, "@value", string.Empty);
            foreach (var (tagKey, tagValue) in tags)
            {
                key.Value = tagKey;
                value.Value = tagValue;
                upsert.ExecuteNonQuery();
            }
            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public void EndRun(string runId, RunStatus status)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        if (status == RunStatus.Running || !Enum.IsDefined(status))
            throw new ArgumentException($"Run '{runId}' cannot end with status '{status}': use finished, failed or killed.", nameof(status));
        var ended = _timeProvider.GetUtcNow().UtcTicks;
        Use(connection =>
        {
            using var transaction = _dialect.BeginWrite(connection);
            // Conditional on 'running', so of two writers ending one run at once, exactly one succeeds.
            using var update = Command(connection, transaction, "UPDATE runs SET status = @status, ended_ticks = @ended WHERE id = @id AND status = @running;");
            BindText(update, "@status", StatusText(status));
            BindInteger(update, "@ended", ended);
            BindText(update, "@id", runId);
            BindText(update, "@running", StatusText(RunStatus.Running));
            if (update.ExecuteNonQuery() == 0)
            {
                var current = ScalarText(connection, transaction, "SELECT status FROM runs WHERE id = @id;", ("@id", runId))
                    ?? throw UnknownRun(runId);
                throw new KilnException($"Run '{runId}' has already ended as {current}; it cannot become {StatusText(status)}. Start a new run instead.");
            }
            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public void Heartbeat(string runId)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        var now = _timeProvider.GetUtcNow().UtcTicks;
        Use(connection =>
        {
            using var transaction = _dialect.BeginWrite(connection);
            using var update = Command(connection, transaction, """
                WITH RECURSIVE tree(id) AS (
                    SELECT id FROM runs WHERE id = @id
                    UNION
                    SELECT runs.id FROM runs JOIN tree ON runs.parent_id = tree.id
                )
                UPDATE runs SET heartbeat_ticks = @now
                WHERE status = @running AND id IN (SELECT id FROM tree);
                """);
            BindText(update, "@id", runId);
            BindInteger(update, "@now", now);
            BindText(update, "@running", StatusText(RunStatus.Running));
            if (update.ExecuteNonQuery() == 0)
                RequireRun(connection, transaction, runId);
            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> MarkStaleRunsKilled(TimeSpan silence)
    {
        if (silence < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(silence), silence, $"The silence {silence} after which a running run counts as killed is negative: give zero or more (a few heartbeat periods).");
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var cutoff = now - Math.Min(silence.Ticks, now);
        return Use(connection =>
        {
            using var transaction = _dialect.BeginWrite(connection);
            // Conditional on 'running' in the update itself: of two processes marking at once, each run is ended by one.
            using var update = Command(connection, transaction, """
                WITH RECURSIVE stale(id) AS (
                    SELECT id FROM runs WHERE status = @running AND heartbeat_ticks < @cutoff
                    UNION
                    SELECT runs.id FROM runs JOIN stale ON runs.parent_id = stale.id WHERE runs.status = @running
                )
                UPDATE runs SET status = @killed, ended_ticks = @now
                WHERE status = @running AND id IN (SELECT id FROM stale)
                RETURNING id;
                """);
            BindText(update, "@running", StatusText(RunStatus.Running));
            BindText(update, "@killed", StatusText(RunStatus.Killed));
            BindInteger(update, "@cutoff", cutoff);
            BindInteger(update, "@now", now);
            var killed = new List<string>();
            using (var reader = update.ExecuteReader())
            {
                while (reader.Read())
                    killed.Add(reader.GetString(0));
            }
            transaction.Commit();
            killed.Sort(StringComparer.Ordinal);
            return (IReadOnlyList<string>)killed;
        });
    }

    /// <inheritdoc/>
    public int DeleteRun(string runId)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        return Use(connection =>
        {
            using var transaction = _dialect.BeginWrite(connection);
            RequireRun(connection, transaction, runId);
            const string Tree = """
                WITH RECURSIVE tree(id) AS (
                    SELECT id FROM runs WHERE id = @id
                    UNION
                    SELECT runs.id FROM runs JOIN tree ON runs.parent_id = tree.id
                )
                """;
            foreach (var table in RunDataTables)
            {
                using var pairs = Command(connection, transaction, $"{Tree} DELETE FROM {table} WHERE run_id IN (SELECT id FROM tree);");
                BindText(pairs, "@id", runId);
                pairs.ExecuteNonQuery();
            }
            // One statement for the whole tree: the parent links are checked when it ends, with every linked run gone.
            using var runs = Command(connection, transaction, $"{Tree} DELETE FROM runs WHERE id IN (SELECT id FROM tree);");
            BindText(runs, "@id", runId);
            var deleted = runs.ExecuteNonQuery();
            transaction.Commit();
            return deleted;
        });
    }

    /// <inheritdoc/>
    public Run? GetRun(string runId)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        return Use(connection =>
        {
            using var transaction = _dialect.BeginRead(connection);
            var runs = ReadRuns(connection, transaction, "WHERE id = @id", command => BindText(command, "@id", runId));
            return runs.Count == 0 ? null : runs[0];
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricPoint> GetMetrics(string runId)
    {
        TrackingNames.ValidateName(runId, "run id", nameof(runId));
        return Use(connection =>
        {
            using var transaction = _dialect.BeginRead(connection);
            RequireRun(connection, transaction, runId);
            using var command = Command(connection, transaction, "SELECT key, step, value FROM metrics WHERE run_id = @run_id ORDER BY key, step;");
            BindText(command, "@run_id", runId);
            var points = new List<MetricPoint>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                points.Add(new MetricPoint(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2)));
            return points;
        });
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

        return Use(connection =>
        {
            using var transaction = _dialect.BeginRead(connection);
            return ReadRuns(connection, transaction, FilterRuns, command =>
            {
                BindText(command, "@namespace", filter.Namespace);
                BindText(command, "@status", filter.Status is { } status ? StatusText(status) : null);
                BindText(command, "@parent_id", filter.ParentId);
                BindInteger(command, "@top_level", filter.TopLevelOnly ? 1L : 0L);
            });
        });
    }

    /// <inheritdoc/>
    public void Dispose() => _dialect.Dispose();

    private T Use<T>(Func<DbConnection, T> work)
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

    private void Migrate() => Use(connection =>
    {
        using var transaction = _dialect.BeginMigration(connection);
        using (var create = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"))
            create.ExecuteNonQuery();
        var version = ReadSchemaVersion(connection, transaction);
        var current = _dialect.Migrations.Count;
        if (version > current)
            throw new KilnException($"The run store '{StoreName}' has schema version {version}, but this Kiln understands versions up to {current}. Open it with a newer Kiln, or point --store at another store.");
        for (var next = version + 1; next <= current; next++)
        {
            using (var migration = Command(connection, transaction, _dialect.Migrations[next - 1]))
                migration.ExecuteNonQuery();
            using (var clear = Command(connection, transaction, "DELETE FROM schema_version;"))
                clear.ExecuteNonQuery();
            using var record = Command(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version);");
            BindInteger(record, "@version", next);
            record.ExecuteNonQuery();
        }
        transaction.Commit();
        return 0;
    });

    private static int ReadSchemaVersion(DbConnection connection, DbTransaction transaction)
    {
        using var command = Command(connection, transaction, "SELECT MAX(version) FROM schema_version;");
        return command.ExecuteScalar() is { } value and not DBNull
            ? checked((int)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture))
            : 0;
    }

    private void ThrowIfTaken(DbConnection connection, DbTransaction transaction, NewRun run)
    {
        if (Exists(connection, transaction, run.Id))
            throw new KilnException($"Run id '{run.Id}' is already used in the store '{StoreName}'. Give the run a new id.");
        var taken = ScalarText(connection, transaction, "SELECT id FROM runs WHERE namespace = @namespace AND job_name = @job_name;",
            ("@namespace", run.Namespace), ("@job_name", run.JobName));
        if (taken is not null)
            throw new KilnException($"Job name '{run.JobName}' is already used in namespace '{run.Namespace}' (by run '{taken}'). Choose another job name, or leave it out to have one generated.");
    }

    private static MetricPoint? FirstStored(DbConnection connection, DbTransaction transaction, string runId, IReadOnlyList<MetricPoint> points)
    {
        using var command = Command(connection, transaction, "SELECT key, step FROM metrics WHERE run_id = @run_id;");
        BindText(command, "@run_id", runId);
        var stored = new HashSet<(string Key, long Step)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                stored.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return points.FirstOrDefault(point => stored.Contains((point.Key, point.Step)));
    }

    private static KilnException MetricTaken(string runId, MetricPoint? point, Exception? cause)
    {
        var message = point is null
            ? $"A metric of run '{runId}' already has a value at one of the steps of this batch; nothing from this batch was recorded. Log each step once."
            : $"Metric '{point.Key}' of run '{runId}' already has a value at step {point.Step}; nothing from this batch was recorded. Log each step once.";
        return cause is null ? new KilnException(message) : new KilnException(message, cause);
    }

    /// <summary>
    /// The runs that <paramref name="where"/> selects, oldest first, with their parameters and tags: three queries
    /// whatever the number of runs, all in <paramref name="transaction"/>.
    /// </summary>
    private List<Run> ReadRuns(DbConnection connection, DbTransaction transaction, string where, Action<DbCommand> bind)
    {
        var parameters = ReadPairs(connection, transaction, $"SELECT run_id, key, value FROM parameters WHERE run_id IN (SELECT id FROM runs {where});", bind);
        var tags = ReadPairs(connection, transaction, $"SELECT run_id, key, value FROM tags WHERE run_id IN (SELECT id FROM runs {where});", bind);
        using var command = Command(connection, transaction, $"{SelectRuns} {where} ORDER BY started_ticks, id;");
        bind(command);
        var rows = new List<Run>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            rows.Add(new Run
            {
                Id = id,
                JobName = reader.GetString(1),
                Namespace = reader.GetString(2),
                Environment = ParseEnvironment(reader.GetString(3)),
                ParentId = reader.IsDBNull(4) ? null : reader.GetString(4),
                Status = ParseStatus(reader.GetString(5)),
                Started = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                Ended = reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                Seed = unchecked((ulong)reader.GetInt64(8)),
                LastHeartbeat = new DateTimeOffset(reader.GetInt64(12), TimeSpan.Zero),
                DataVersion = reader.IsDBNull(9) ? null : reader.GetString(9),
                CodeVersion = reader.IsDBNull(10) ? null : reader.GetString(10),
                Host = reader.GetString(11),
                Parameters = parameters.GetValueOrDefault(id) ?? new Dictionary<string, string>(StringComparer.Ordinal),
                Tags = tags.GetValueOrDefault(id) ?? new Dictionary<string, string>(StringComparer.Ordinal),
            });
        }
        return rows;
    }

    /// <summary>Key-value pairs by run id, from a query of (run_id, key, value).</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadPairs(DbConnection connection, DbTransaction transaction, string sql, Action<DbCommand> bind)
    {
        using var command = Command(connection, transaction, sql);
        bind(command);
        var byRun = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var runId = reader.GetString(0);
            if (!byRun.TryGetValue(runId, out var pairs))
                byRun[runId] = pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            pairs[reader.GetString(1)] = reader.GetString(2);
        }
        return byRun;
    }

    private void RequireRun(DbConnection connection, DbTransaction transaction, string runId)
    {
        if (!Exists(connection, transaction, runId))
            throw UnknownRun(runId);
    }

    private KilnException UnknownRun(string runId) =>
        new($"There is no run '{runId}' in the store '{StoreName}'. Check the id (list the runs to see them).");

    private static bool Exists(DbConnection connection, DbTransaction transaction, string runId) =>
        ScalarText(connection, transaction, "SELECT id FROM runs WHERE id = @id;", ("@id", runId)) is not null;

    private static string? ScalarText(DbConnection connection, DbTransaction transaction, string sql, params (string Name, string Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
            BindText(command, name, value);
        return command.ExecuteScalar() as string;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds a text parameter; typed, so a null still tells PostgreSQL the parameter's type.</summary>
    internal static DbParameter BindText(DbCommand command, string name, string? value) => Bind(command, name, DbType.String, value);

    /// <summary>Adds a 64-bit integer parameter.</summary>
    internal static DbParameter BindInteger(DbCommand command, string name, long? value) => Bind(command, name, DbType.Int64, value);

    private static DbParameter Bind(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static void ValidatePairs(IReadOnlyDictionary<string, string> pairs, string what, string parameterName)
    {
        foreach (var (key, value) in pairs)
        {
            TrackingNames.ValidateKey(key, what, parameterName);
            if (value is null)
                throw new ArgumentException($"The value of {what} '{key}' is null: give a value (an empty string is allowed).", parameterName);
        }
    }

    internal static string StatusText(RunStatus status) => status switch
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
        _ => throw new KilnException($"The run store '{StoreName}' holds an unknown run status '{text}'. The store was changed outside Kiln."),
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
        _ => throw new KilnException($"The run store '{StoreName}' holds an unknown environment '{text}'. The store was changed outside Kiln."),
    };
}
