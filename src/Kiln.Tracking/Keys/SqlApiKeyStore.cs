using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Kiln.Core;

using static Kiln.Tracking.SqlSession;

namespace Kiln.Tracking.Keys;

/// <summary>The API keys in a SQL database (SQLite or PostgreSQL), next to the run store's tables, through portable SQL.</summary>
/// <remarks>
/// <para>
/// The table has its own schema version (table <c>keys_schema_version</c>); opening applies the missing migrations and refuses
/// a database written by a newer Kiln. A key is <c>kiln_&lt;id&gt;_&lt;secret&gt;</c>; the row holds the id, name, scopes,
/// creation and revocation times and the SHA-256 of the secret, never the secret. <see cref="Verify"/> finds the row by id
/// and compares the hashes with <see cref="CryptographicOperations.FixedTimeEquals"/>, also when the id is unknown (against
/// a hash of nothing), so the answer time says nothing about how much of a secret was right.
/// </para>
/// <para>
/// One instance serialises its calls. The database's differences come from the run store's <see cref="SqlDialect"/>;
/// <see cref="ApiKeyStores.Open"/> opens one the way the run store is opened.
/// </para>
/// </remarks>
public sealed class SqlApiKeyStore : IApiKeyStore
{
    private static readonly byte[] NoHash = new byte[32];

    private readonly SqlSession _session;
    private readonly TimeProvider _timeProvider;

    /// <summary>Takes <paramref name="dialect"/> (disposed with the store) and brings the keys' schema up to date.</summary>
    /// <param name="dialect">The database: its connections, transactions and unique-violation test.</param>
    /// <param name="timeProvider">The clock for creation and revocation times.</param>
    /// <exception cref="KilnException">The database was written by a newer Kiln.</exception>
    internal SqlApiKeyStore(SqlDialect dialect, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _session = new SqlSession(dialect);
        _timeProvider = timeProvider;
        _session.Migrate(KeysMigrations.VersionTable, KeysMigrations.All, "The API keys");
    }

    /// <summary>Where the database is, as messages show it.</summary>
    public string Location => _session.Location;

    /// <summary>The keys' schema version in the database (after opening, always the current one).</summary>
    public int SchemaVersion => Read(ReadSchemaVersion);

    /// <inheritdoc/>
    public CreatedApiKey Create(string name, IEnumerable<string> scopes)
    {
        TrackingNames.ValidateName(name, "key name", nameof(name));
        var normalized = KeyScopes.Normalize(scopes, nameof(scopes));
        var created = _timeProvider.GetUtcNow().UtcTicks;
        var id = ApiKeyFormat.NewId();
        var secret = ApiKeyFormat.NewSecret();
        var record = new ApiKey { Id = id, Name = name, Scopes = normalized, Created = new DateTimeOffset(created, TimeSpan.Zero) };
        try
        {
            Write(transaction =>
            {
                if (FindActiveByName(transaction, name) is { } existing)
                    throw NameTaken(name, existing);
                using var insert = Command(transaction, """
                    INSERT INTO api_keys (id, name, scopes, secret_sha256, created_ticks, revoked_ticks)
                    VALUES (@id, @name, @scopes, @hash, @created, NULL)
                    """);
                Bind(insert, "@id", id);
                Bind(insert, "@name", name);
                Bind(insert, "@scopes", string.Join(' ', normalized));
                Bind(insert, "@hash", Convert.ToHexStringLower(ApiKeyFormat.Hash(secret)));
                Bind(insert, "@created", created);
                insert.ExecuteNonQuery();
                return 0;
            });
        }
        catch (DbException exception) when (_session.IsUniqueViolation(exception))
        {
            throw new KilnException($"Another key named '{name}' was created at the same time in {Location}; no key was created. List the keys with 'kiln keys list', and revoke that one or choose another name.", exception);
        }
        return new CreatedApiKey(record, ApiKeyFormat.Compose(id, secret));
    }

    /// <inheritdoc/>
    public ApiKey? Verify(string? presentedKey)
    {
        var wellFormed = ApiKeyFormat.TryParse(presentedKey, out var id, out var secret);
        var presented = ApiKeyFormat.Hash(secret);
        var rows = wellFormed ? Read(transaction => Load(transaction, "WHERE id = @value", id)) : [];
        var stored = rows.Count == 1 ? Convert.FromHexString(rows[0].Hash) : NoHash;
        var matches = CryptographicOperations.FixedTimeEquals(presented, stored);
        return matches && rows.Count == 1 && !rows[0].Key.IsRevoked ? rows[0].Key : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ApiKey> List() => Read(transaction => Load(transaction, string.Empty, null).Select(row => row.Key).ToList());

    /// <inheritdoc/>
    public ApiKey Revoke(string idOrName)
    {
        if (string.IsNullOrWhiteSpace(idOrName))
            throw new ArgumentException("Give the id or the name of the key to revoke (see 'kiln keys list').", nameof(idOrName));
        var revoked = _timeProvider.GetUtcNow().UtcTicks;
        return Write(transaction =>
        {
            var key = Load(transaction, "WHERE id = @value", idOrName).Select(row => row.Key).SingleOrDefault()
                ?? FindActiveByName(transaction, idOrName);
            if (key is null)
            {
                var revokedByName = Load(transaction, "WHERE name = @value", idOrName).Select(row => row.Key).ToList();
                var known = Load(transaction, "WHERE revoked_ticks IS NULL", null).Select(row => $"{row.Key.Name} ({row.Key.Id})").ToList();
                var hint = revokedByName.Count > 0
                    ? $"The key{(revokedByName.Count == 1 ? string.Empty : "s")} named '{idOrName}' ({string.Join(", ", revokedByName.Select(k => k.Id))}) {(revokedByName.Count == 1 ? "was" : "were")} revoked before."
                    : known.Count == 0 ? "There are no valid keys." : $"The valid keys: {string.Join(", ", known.Take(20))}.";
                throw new KilnException($"There is no valid key with the id or name '{TrackingNames.Display(idOrName)}' in {Location}. {hint}");
            }
            if (key.IsRevoked)
                throw new KilnException(string.Create(CultureInfo.InvariantCulture, $"The key '{key.Name}' ({key.Id}) in {Location} was already revoked at {key.Revoked:u}; nothing changed."));
            using var update = Command(transaction, "UPDATE api_keys SET revoked_ticks = @revoked WHERE id = @id AND revoked_ticks IS NULL");
            Bind(update, "@revoked", revoked);
            Bind(update, "@id", key.Id);
            update.ExecuteNonQuery();
            return key with { Revoked = new DateTimeOffset(revoked, TimeSpan.Zero) };
        });
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private KilnException NameTaken(string name, ApiKey existing) => new(string.Create(CultureInfo.InvariantCulture,
        $"A valid key named '{name}' already exists in {Location} (id {existing.Id}, created {existing.Created:u}); no key was created. Choose another name, or revoke it first with 'kiln keys revoke {existing.Id}'."));

    private static ApiKey? FindActiveByName(DbTransaction transaction, string name) =>
        Load(transaction, "WHERE name = @value AND revoked_ticks IS NULL", name).Select(row => row.Key).SingleOrDefault();

    private static List<(ApiKey Key, string Hash)> Load(DbTransaction transaction, string filter, string? value)
    {
        using var command = Command(transaction, "SELECT id, name, scopes, secret_sha256, created_ticks, revoked_ticks FROM api_keys " + filter + " ORDER BY created_ticks, id");
        if (value is not null)
            Bind(command, "@value", value);
        var rows = new List<(ApiKey, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = new ApiKey
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                Scopes = reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                Created = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                Revoked = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
            };
            rows.Add((key, reader.GetString(3)));
        }
        return rows;
    }

    private static int ReadSchemaVersion(DbTransaction transaction) => ComponentMigrations.ReadVersion(transaction, KeysMigrations.VersionTable);

    private T Read<T>(Func<DbTransaction, T> work) => _session.Read(work);

    private T Write<T>(Func<DbTransaction, T> work) => _session.Write(work);
}
