using System.Security.Cryptography;
using System.Text;
using Kiln.Tracking.Keys;
using Microsoft.Data.Sqlite;

namespace Kiln.Tracking.Tests.Keys;

/// <summary>The API key contract on SQLite: one fresh store folder per test, every instance on its <c>tracking.db</c>.</summary>
public sealed class SqliteApiKeyStoreContractTests : ApiKeyStoreContract
{
    private readonly TemporaryFolder _folder = new();

    protected override IApiKeyStore OpenStore(TimeProvider clock) => ApiKeyStores.Open(null, _folder.Path, clock);

    [Fact]
    public void Create_Stored_OnlyTheSha256OfTheSecretNeverTheKey()
    {
        string key;
        using (var store = OpenStore(TimeProvider.System))
            key = store.Create("frontend", [KeyScopes.Predict]).Key;
        var secret = key[18..];
        // The expected hash is computed here from the key's text, independently of the store's code.
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "tracking.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, scopes, secret_sha256 FROM api_keys";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(key[5..17], reader.GetString(0));
        Assert.Equal(expected, reader.GetString(3));
        for (var column = 0; column < reader.FieldCount; column++)
            Assert.DoesNotContain(secret, reader.GetString(column), StringComparison.Ordinal);
        Assert.False(reader.Read());
    }

    [Fact]
    public void OpenExisting_NoStoreFile_NullAndNothingCreated()
    {
        var root = Path.Combine(_folder.Path, "absent");

        Assert.Null(ApiKeyStores.OpenExisting(null, root, TimeProvider.System));
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Open_UnknownConnectionForm_RefusedNamingIt()
    {
        var exception = Assert.Throws<ArgumentException>(() => ApiKeyStores.Open("mysql://somewhere", _folder.Path, TimeProvider.System));

        Assert.Contains("mysql://somewhere", exception.Message, StringComparison.Ordinal);
    }

    public override void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
