using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Kiln.Core;
using Kiln.Core.Metrics;

using static Kiln.Tracking.SqlSession;

namespace Kiln.Tracking.Registry;

/// <summary>The model registry in a SQL database, through ADO.NET with portable SQL (SQLite and PostgreSQL).</summary>
/// <remarks>
/// <para>
/// The tables live next to the run store's, with their own schema version (table <c>registry_schema_version</c>); opening
/// applies the missing migrations and refuses a database written by a newer Kiln. Every write is one transaction. Version
/// numbers come from a per-model counter that only grows, and <c>(model_name, version)</c> is unique: a writer that loses
/// a race on a number or on a new model gets a unique-key violation and retries the whole transaction. An alias moved by
/// a promotion is updated only if it still points where the rule was checked, else the promotion is checked again.
/// </para>
/// <para>
/// One instance serialises its calls; for parallel writers open one instance each. The database's differences (connections,
/// how transactions begin, how a unique violation looks) come from the run store's <see cref="SqlDialect"/>, so the registry
/// runs wherever the run store does. <see cref="SqliteModelRegistry.Open"/> opens one on a store root's <c>tracking.db</c>.
/// </para>
/// </remarks>
public sealed class SqlModelRegistry : IModelRegistry
{
    /// <summary>How many times a write is tried when it keeps losing races to other writers.</summary>
    public const int MaxAttempts = 20;

    private readonly SqlSession _session;
    private readonly TimeProvider _timeProvider;

    /// <summary>Takes <paramref name="dialect"/> (disposed with the registry) and brings the registry's schema up to date.</summary>
    /// <param name="dialect">The database: its connections, transactions and unique-violation test (its own migrations are the run store's and are not used here).</param>
    /// <param name="timeProvider">The clock for creation times.</param>
    /// <exception cref="KilnException">The database was written by a newer Kiln.</exception>
    internal SqlModelRegistry(SqlDialect dialect, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _session = new SqlSession(dialect);
        _timeProvider = timeProvider;
        _session.Migrate(RegistryMigrations.VersionTable, RegistryMigrations.All, "The model registry");
    }

    /// <summary>Where the database is, as messages show it.</summary>
    public string Location => _session.Location;

    /// <summary>The registry's schema version in the database (after opening, always the current one).</summary>
    public int SchemaVersion => Read(ReadSchemaVersion);

    /// <inheritdoc/>
    public ModelVersion Register(string name, NewModelVersion version)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(version);
        ValidateNewVersion(name, version);
        var created = _timeProvider.GetUtcNow().UtcTicks;
        return Write(transaction =>
        {
            if (!ModelExists(transaction, name))
            {
                using var insertModel = Command(transaction,
                    "INSERT INTO registered_models (name, description, created_ticks, next_version) VALUES (@name, NULL, @created, 1)");
                Bind(insertModel, "@name", name);
                Bind(insertModel, "@created", created);
                insertModel.ExecuteNonQuery();
            }
            using (var bump = Command(transaction, "UPDATE registered_models SET next_version = next_version + 1 WHERE name = @name"))
            {
                Bind(bump, "@name", name);
                bump.ExecuteNonQuery();
            }
            var number = checked((int)ScalarLong(transaction, "SELECT next_version - 1 FROM registered_models WHERE name = @name", ("@name", name))!.Value);
            using (var insert = Command(transaction, """
                INSERT INTO model_versions (model_name, version, run_id, bundle_location, data_version, signature, description, created_ticks)
                VALUES (@name, @version, @run_id, @bundle_location, @data_version, @signature, @description, @created)
                """))
            {
                Bind(insert, "@name", name);
                Bind(insert, "@version", (long)number);
                Bind(insert, "@run_id", version.RunId);
                Bind(insert, "@bundle_location", version.BundleLocation);
                Bind(insert, "@data_version", version.DataVersion);
                Bind(insert, "@signature", version.Signature);
                Bind(insert, "@description", version.Description);
                Bind(insert, "@created", created);
                insert.ExecuteNonQuery();
            }
            using (var metric = Command(transaction, "INSERT INTO model_version_metrics (model_name, version, metric, value) VALUES (@name, @version, @metric, @value)"))
            {
                Bind(metric, "@name", name);
                Bind(metric, "@version", (long)number);
                var key = Bind(metric, "@metric", string.Empty);
                var value = Bind(metric, "@value", 0.0);
                foreach (var (metricName, metricValue) in version.TestMetrics)
                {
                    key.Value = metricName;
                    value.Value = double.IsNaN(metricValue) ? DBNull.Value : metricValue;
                    metric.ExecuteNonQuery();
                }
            }
            var aliases = version.Aliases.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            foreach (var alias in aliases)
                UpsertAlias(transaction, name, alias, number);
            return new ModelVersion
            {
                Name = name,
                Version = number,
                RunId = version.RunId,
                BundleLocation = version.BundleLocation,
                DataVersion = version.DataVersion,
                Signature = version.Signature,
                TestMetrics = new Dictionary<string, double>(version.TestMetrics, StringComparer.Ordinal),
                Created = new DateTimeOffset(created, TimeSpan.Zero),
                Description = version.Description,
                Aliases = aliases,
            };
        });
    }

    /// <inheritdoc/>
    public RegisteredModel? GetModel(string name)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        return Read(transaction => LoadModels(transaction, name).SingleOrDefault());
    }

    /// <inheritdoc/>
    public IReadOnlyList<RegisteredModel> ListModels() => Read(transaction => LoadModels(transaction, null));

    /// <inheritdoc/>
    public ModelVersion? GetVersion(string name, int version)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateVersion(version, nameof(version));
        return GetModel(name)?.Versions.FirstOrDefault(candidate => candidate.Version == version);
    }

    /// <inheritdoc/>
    public ModelVersion Resolve(ModelReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Read(transaction =>
        {
            var model = RequireModel(transaction, reference.Name);
            switch (reference.Kind)
            {
                case ModelReferenceKind.Alias:
                    if (!model.Aliases.TryGetValue(reference.Alias!, out var target))
                        throw new KilnException($"Model '{model.Name}' has no alias '{reference.Alias}' (reference '{reference}'). {DescribeAliases(model)} Set one with 'kiln models alias {model.Name} {reference.Alias} N'.");
                    return model.Versions.Single(version => version.Version == target);
                case ModelReferenceKind.Version:
                    return FindVersion(transaction, model, reference.Version!.Value);
                default:
                    return model.Latest
                        ?? throw new KilnException($"Model '{model.Name}' has no versions left (all were deleted), so '{reference}' names nothing. Register a new version.");
            }
        });
    }

    /// <inheritdoc/>
    public void SetModelDescription(string name, string? description)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        Write(transaction =>
        {
            RequireModelRow(transaction, name);
            using var update = Command(transaction, "UPDATE registered_models SET description = @description WHERE name = @name");
            Bind(update, "@description", description);
            Bind(update, "@name", name);
            update.ExecuteNonQuery();
            return 0;
        });
    }

    /// <inheritdoc/>
    public int? SetAlias(string name, string alias, int version)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateAlias(alias, nameof(alias));
        RegistryNames.ValidateVersion(version, nameof(version));
        return Write(transaction =>
        {
            var model = RequireModel(transaction, name);
            FindVersion(transaction, model, version);
            int? previous = model.Aliases.TryGetValue(alias, out var held) ? held : null;
            UpsertAlias(transaction, name, alias, version);
            return previous;
        });
    }

    /// <inheritdoc/>
    public int RemoveAlias(string name, string alias)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateAlias(alias, nameof(alias));
        return Write(transaction =>
        {
            var model = RequireModel(transaction, name);
            if (!model.Aliases.TryGetValue(alias, out var version))
                throw new KilnException($"Model '{name}' has no alias '{alias}' to remove. {DescribeAliases(model)}");
            using var delete = Command(transaction, "DELETE FROM model_aliases WHERE model_name = @name AND alias = @alias");
            Bind(delete, "@name", name);
            Bind(delete, "@alias", alias);
            delete.ExecuteNonQuery();
            return version;
        });
    }

    /// <inheritdoc/>
    public void DeleteVersion(string name, int version, bool force = false)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateVersion(version, nameof(version));
        Write(transaction =>
        {
            var model = RequireModel(transaction, name);
            var found = FindVersion(transaction, model, version);
            if (found.Aliases.Count > 0 && !force)
                throw new KilnException($"Version {version} of model '{name}' is held by {AliasList(found.Aliases)}; it was not deleted. Move or remove the alias first ('kiln models alias {name} ALIAS N', or --remove), or delete with --force to remove the aliases too.");
            Delete(transaction, "DELETE FROM model_aliases WHERE model_name = @name AND version = @version", name, version);
            Delete(transaction, "DELETE FROM model_version_metrics WHERE model_name = @name AND version = @version", name, version);
            Delete(transaction, "DELETE FROM model_versions WHERE model_name = @name AND version = @version", name, version);
            return 0;
        });
    }

    /// <inheritdoc/>
    public void DeleteModel(string name, bool force = false)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        Write(transaction =>
        {
            var model = RequireModel(transaction, name);
            if (model.Aliases.Count > 0 && !force)
                throw new KilnException($"Model '{name}' has aliases ({string.Join(", ", model.Aliases.Select(pair => $"{pair.Key} → {pair.Value}"))}); it was not deleted. Remove them first, or delete with --force.");
            Delete(transaction, "DELETE FROM model_aliases WHERE model_name = @name", name, null);
            Delete(transaction, "DELETE FROM model_version_metrics WHERE model_name = @name", name, null);
            Delete(transaction, "DELETE FROM model_versions WHERE model_name = @name", name, null);
            Delete(transaction, "DELETE FROM registered_models WHERE name = @name", name, null);
            return 0;
        });
    }

    /// <inheritdoc/>
    public PromotionResult Promote(string name, int version, string alias, PromotionRule rule)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateVersion(version, nameof(version));
        RegistryNames.ValidateAlias(alias, nameof(alias));
        ArgumentNullException.ThrowIfNull(rule);
        return Write(transaction =>
        {
            var model = RequireModel(transaction, name);
            var candidate = FindVersion(transaction, model, version);
            int? holder = model.Aliases.TryGetValue(alias, out var held) ? held : null;
            if (holder == version)
                return new PromotionResult(name, alias, version, holder, $"version {version} already holds '{alias}'; nothing changed");
            var reason = holder is null
                ? $"'{alias}' was not set, so there was nothing to beat"
                : rule.Metric is null
                    ? "explicit promotion"
                    : CheckBetter(model, candidate, model.Versions.Single(existing => existing.Version == holder.Value), alias, rule.Metric);
            if (holder is null)
            {
                using var insert = Command(transaction, "INSERT INTO model_aliases (model_name, alias, version) VALUES (@name, @alias, @version)");
                Bind(insert, "@name", name);
                Bind(insert, "@alias", alias);
                Bind(insert, "@version", (long)version);
                insert.ExecuteNonQuery();
            }
            else
            {
                using var move = Command(transaction, "UPDATE model_aliases SET version = @version WHERE model_name = @name AND alias = @alias AND version = @holder");
                Bind(move, "@version", (long)version);
                Bind(move, "@name", name);
                Bind(move, "@alias", alias);
                Bind(move, "@holder", (long)holder.Value);
                if (move.ExecuteNonQuery() != 1)
                    throw new ConcurrentChangeException();
            }
            return new PromotionResult(name, alias, version, holder, reason);
        });
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private static string CheckBetter(RegisteredModel model, ModelVersion candidate, ModelVersion holder, string alias, string metric)
    {
        var definition = MetricCatalog.Get(metric);
        var refused = $"Version {candidate.Version} of model '{model.Name}' was not promoted to '{alias}' (held by version {holder.Version})";
        if (candidate.DataVersion is null || holder.DataVersion is null)
        {
            throw new KilnException($"{refused}: the rule 'better on {metric}' compares test metrics on the same data, but the data version of " +
                $"{(candidate.DataVersion is null ? $"version {candidate.Version}" : $"version {holder.Version}")} is not known. Promote explicitly (without --if-better) if you are sure.");
        }
        if (!string.Equals(candidate.DataVersion, holder.DataVersion, StringComparison.Ordinal))
        {
            throw new KilnException($"{refused}: they were tested on different data (version {candidate.Version} on data version {candidate.DataVersion}, " +
                $"version {holder.Version} on {holder.DataVersion}), so their {metric} cannot be compared. Retrain one on the other's data, or promote explicitly.");
        }
        var candidateValue = MetricValue(model, candidate, metric, definition, refused);
        var holderValue = MetricValue(model, holder, metric, definition, refused);
        var better = definition.GreaterIsBetter ? candidateValue > holderValue : candidateValue < holderValue;
        var direction = definition.GreaterIsBetter ? "higher" : "lower";
        var values = string.Create(CultureInfo.InvariantCulture,
            $"{definition.Name} {candidateValue:R} (version {candidate.Version}) against {holderValue:R} (version {holder.Version}); {direction} is better");
        if (!better)
            throw new KilnException($"{refused}: it is not strictly better on {values}, on data version {candidate.DataVersion}.");
        return $"better on {values}, on data version {candidate.DataVersion}";
    }

    private static double MetricValue(RegisteredModel model, ModelVersion version, string metric, MetricDefinition definition, string refused)
    {
        if (!version.TestMetrics.TryGetValue(metric, out var value) && !version.TestMetrics.TryGetValue(definition.Name, out value))
        {
            var match = version.TestMetrics.Keys.FirstOrDefault(key => string.Equals(key, definition.Name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var known = version.TestMetrics.Count == 0 ? "it has no test metrics" : $"its test metrics are {string.Join(", ", version.TestMetrics.Keys.Order(StringComparer.Ordinal))}";
                throw new KilnException($"{refused}: version {version.Version} of '{model.Name}' has no test metric '{definition.Name}'; {known}. Choose one of those with --if-better.");
            }
            value = version.TestMetrics[match];
        }
        if (double.IsNaN(value))
            throw new KilnException($"{refused}: the test metric '{definition.Name}' of version {version.Version} is not a number, so it cannot be compared.");
        return value;
    }

    private static string DescribeAliases(RegisteredModel model) => model.Aliases.Count == 0
        ? "It has no aliases."
        : $"Its aliases: {string.Join(", ", model.Aliases.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} → {pair.Value}")))}.";

    private static string AliasList(IReadOnlyList<string> aliases) =>
        aliases.Count == 1 ? $"alias '{aliases[0]}'" : $"aliases {string.Join(", ", aliases.Select(alias => $"'{alias}'"))}";

    private static ModelVersion FindVersion(DbTransaction transaction, RegisteredModel model, int version)
    {
        var found = model.Versions.FirstOrDefault(candidate => candidate.Version == version);
        if (found is not null)
            return found;
        var next = ScalarLong(transaction, "SELECT next_version FROM registered_models WHERE name = @name", ("@name", model.Name)) ?? 1;
        var fate = version < next ? "it was deleted" : "it has not been registered";
        var existing = model.Versions.Count == 0
            ? "It has no versions left."
            : $"Its versions: {string.Join(", ", model.Versions.Select(candidate => candidate.Version.ToString(CultureInfo.InvariantCulture)))}.";
        throw new KilnException(string.Create(CultureInfo.InvariantCulture, $"Model '{model.Name}' has no version {version} ({fate}). {existing}"));
    }

    private RegisteredModel RequireModel(DbTransaction transaction, string name) =>
        LoadModels(transaction, name).SingleOrDefault() ?? throw UnknownModel(transaction, name);

    private void RequireModelRow(DbTransaction transaction, string name)
    {
        if (!ModelExists(transaction, name))
            throw UnknownModel(transaction, name);
    }

    private KilnException UnknownModel(DbTransaction transaction, string name)
    {
        var names = new List<string>();
        using (var command = Command(transaction, "SELECT name FROM registered_models"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                names.Add(reader.GetString(0));
        }
        names.Sort(StringComparer.Ordinal);
        var existing = names.Count == 0
            ? "The registry is empty; register a model with 'kiln models register NAME --bundle model.kiln'."
            : $"Its models: {string.Join(", ", names.Take(20))}{(names.Count > 20 ? $" and {names.Count - 20} more" : string.Empty)}.";
        return new KilnException($"There is no model '{name}' in the registry at {Location}. {existing}");
    }

    private static bool ModelExists(DbTransaction transaction, string name) =>
        ScalarLong(transaction, "SELECT COUNT(*) FROM registered_models WHERE name = @name", ("@name", name)) > 0;

    private static List<RegisteredModel> LoadModels(DbTransaction transaction, string? name)
    {
        const string Filter = "WHERE @name IS NULL OR {0} = @name";
        var rows = new List<(string Name, string? Description, long Created)>();
        using (var command = Command(transaction, "SELECT name, description, created_ticks FROM registered_models " + string.Format(CultureInfo.InvariantCulture, Filter, "name")))
        {
            Bind(command, "@name", name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        }
        if (rows.Count == 0)
            return [];

        var metrics = new Dictionary<(string, int), Dictionary<string, double>>();
        using (var command = Command(transaction, "SELECT model_name, version, metric, value FROM model_version_metrics " + string.Format(CultureInfo.InvariantCulture, Filter, "model_name")))
        {
            Bind(command, "@name", name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), checked((int)reader.GetInt64(1)));
                if (!metrics.TryGetValue(key, out var values))
                    metrics[key] = values = new Dictionary<string, double>(StringComparer.Ordinal);
                values[reader.GetString(2)] = reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3);
            }
        }

        var aliases = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        using (var command = Command(transaction, "SELECT model_name, alias, version FROM model_aliases " + string.Format(CultureInfo.InvariantCulture, Filter, "model_name")))
        {
            Bind(command, "@name", name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var model = reader.GetString(0);
                if (!aliases.TryGetValue(model, out var byAlias))
                    aliases[model] = byAlias = new Dictionary<string, int>(StringComparer.Ordinal);
                byAlias[reader.GetString(1)] = checked((int)reader.GetInt64(2));
            }
        }

        var versions = new Dictionary<string, List<ModelVersion>>(StringComparer.Ordinal);
        using (var command = Command(transaction, """
            SELECT model_name, version, run_id, bundle_location, data_version, signature, description, created_ticks
            FROM model_versions
            """ + " " + string.Format(CultureInfo.InvariantCulture, Filter, "model_name")))
        {
            Bind(command, "@name", name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var model = reader.GetString(0);
                var number = checked((int)reader.GetInt64(1));
                var held = aliases.TryGetValue(model, out var byAlias)
                    ? byAlias.Where(pair => pair.Value == number).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray()
                    : [];
                if (!versions.TryGetValue(model, out var list))
                    versions[model] = list = [];
                list.Add(new ModelVersion
                {
                    Name = model,
                    Version = number,
                    RunId = reader.IsDBNull(2) ? null : reader.GetString(2),
                    BundleLocation = reader.GetString(3),
                    DataVersion = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Signature = reader.GetString(5),
                    Description = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Created = new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                    TestMetrics = metrics.TryGetValue((model, number), out var values) ? values : new Dictionary<string, double>(StringComparer.Ordinal),
                    Aliases = held,
                });
            }
        }

        return [.. rows
            .OrderBy(row => row.Name, StringComparer.Ordinal)
            .Select(row => new RegisteredModel
            {
                Name = row.Name,
                Description = row.Description,
                Created = new DateTimeOffset(row.Created, TimeSpan.Zero),
                Versions = versions.TryGetValue(row.Name, out var list) ? [.. list.OrderBy(version => version.Version)] : [],
                Aliases = aliases.TryGetValue(row.Name, out var byAlias) ? byAlias : new Dictionary<string, int>(StringComparer.Ordinal),
            })];
    }

    private static void UpsertAlias(DbTransaction transaction, string name, string alias, int version)
    {
        using var upsert = Command(transaction, """
            INSERT INTO model_aliases (model_name, alias, version) VALUES (@name, @alias, @version)
            ON CONFLICT (model_name, alias) DO UPDATE SET version = excluded.version
            """);
        Bind(upsert, "@name", name);
        Bind(upsert, "@alias", alias);
        Bind(upsert, "@version", (long)version);
        upsert.ExecuteNonQuery();
    }

    private static void Delete(DbTransaction transaction, string sql, string name, int? version)
    {
        using var command = Command(transaction, sql);
        Bind(command, "@name", name);
        if (version is { } number)
            Bind(command, "@version", (long)number);
        command.ExecuteNonQuery();
    }

    private static void ValidateNewVersion(string name, NewModelVersion version)
    {
        if (string.IsNullOrWhiteSpace(version.BundleLocation) || version.BundleLocation.Any(char.IsControl))
            throw new ArgumentException($"The bundle location '{TrackingNames.Display(version.BundleLocation)}' of the new version of '{name}' is not valid: give a file path or an s3:// URI without control characters.", nameof(version));
        if (version.RunId is not null)
            TrackingNames.ValidateName(version.RunId, "run id", nameof(version));
        if (version.DataVersion is not null && (version.DataVersion.Length == 0 || version.DataVersion.Any(char.IsControl)))
            throw new ArgumentException($"The data version '{TrackingNames.Display(version.DataVersion)}' of the new version of '{name}' is not valid: give the content hash, or null when unknown.", nameof(version));
        ArgumentNullException.ThrowIfNull(version.TestMetrics, nameof(version));
        ArgumentNullException.ThrowIfNull(version.Aliases, nameof(version));
        foreach (var alias in version.Aliases)
            RegistryNames.ValidateAlias(alias, nameof(version));
        foreach (var key in version.TestMetrics.Keys)
            TrackingNames.ValidateKey(key, "test metric name", nameof(version));
        try
        {
            using var document = JsonDocument.Parse(version.Signature ?? string.Empty);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The signature of the new version of '{name}' is not JSON text ({exception.Message}); give the bundle's signature (ModelRegistration.Signature).", nameof(version), exception);
        }
    }

    private static int ReadSchemaVersion(DbTransaction transaction) => ComponentMigrations.ReadVersion(transaction, RegistryMigrations.VersionTable);

    private T Read<T>(Func<DbTransaction, T> work) => _session.Read(work);

    private T Write<T>(Func<DbTransaction, T> work) => _session.Use(connection =>
    {
        for (var attempt = 1; ; attempt++)
        {
            using var transaction = _session.BeginWrite(connection);
            try
            {
                var result = work(transaction);
                transaction.Commit();
                return result;
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsLostRace(exception))
            {
                transaction.Rollback();
            }
            catch (Exception exception) when (IsLostRace(exception))
            {
                throw new KilnException(string.Create(CultureInfo.InvariantCulture,
                    $"The model registry at {Location} was changed by other writers {MaxAttempts} times while this change was being made; nothing was changed. Try again."), exception);
            }
        }
    });

    private bool IsLostRace(Exception exception) =>
        exception is ConcurrentChangeException || (exception is DbException database && _session.IsUniqueViolation(database));

    private static long? ScalarLong(DbTransaction transaction, string sql, params (string Name, string Value)[] parameters)
    {
        using var command = Command(transaction, sql);
        foreach (var (parameterName, value) in parameters)
            Bind(command, parameterName, value);
        var result = command.ExecuteScalar();
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    /// <summary>Another writer moved an alias between the check and the move; the transaction is tried again.</summary>
    private sealed class ConcurrentChangeException() : Exception("The alias was moved by another writer.");
}
