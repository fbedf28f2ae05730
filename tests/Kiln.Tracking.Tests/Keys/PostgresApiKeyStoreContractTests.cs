using Kiln.Tracking.Keys;

namespace Kiln.Tracking.Tests.Keys;

/// <summary>The API key contract on PostgreSQL: a database for the class, a fresh schema (no keys) per test, every instance on it.</summary>
public sealed class PostgresApiKeyStoreContractTests(PostgresTestDatabase database) : ApiKeyStoreContract, IClassFixture<PostgresTestDatabase>
{
    private PostgresSchema? _schema;

    protected override IApiKeyStore OpenStore(TimeProvider clock)
    {
        _schema ??= database.Database.CreateSchema();
        return ApiKeyStores.Open(_schema.ConnectionString, "unused-store-root", clock);
    }

    [Fact]
    public void Open_Url_SameKeysAsTheKeywordForm()
    {
        using var store = OpenStore(TimeProvider.System);
        var created = store.Create("frontend", [KeyScopes.Predict]);

        using var byUrl = ApiKeyStores.Open(_schema!.Url, "unused-store-root", TimeProvider.System);

        Assert.Equal(created.Record, byUrl.Verify(created.Key));
        Assert.Equal(1, _schema.Scalar("SELECT MAX(version) FROM keys_schema_version"));
    }

    public override void Dispose()
    {
        base.Dispose();
        _schema?.Dispose();
    }
}
