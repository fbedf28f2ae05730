using System.Text.Json.Nodes;
using Kiln.Tracking.Keys;

namespace Kiln.Cli.Tests;

/// <summary><c>kiln keys create|list|revoke</c> on a store folder: the key printed once, listed without secrets, refused once revoked.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Store => Path.Combine(_folder.Path, "store");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private CliResult Keys(params string[] args) => CliRun.Invoke(["keys", .. args, "--store", Store]);

    private string CreateKey(string name, params string[] scopes)
    {
        var result = Keys(["create", name, .. scopes.SelectMany(scope => new[] { "--scope", scope })]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Out.TrimEnd('\n', '\r').Split('\n')[^1];
    }

    [Fact]
    public void Create_Scope_PrintsTheKeyAloneOnStdoutAndTheOnceNoteOnStderr()
    {
        var result = Keys("create", "frontend", "--scope", "predict");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.Matches("^kiln_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$", line);
        Assert.Contains("shown only this once", result.Error, StringComparison.Ordinal);
        Assert.Contains("'frontend'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(line, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PrintedKey_VerifiesInTheStoreWithItsScopes()
    {
        var key = CreateKey("ops", "predict", "admin");

        using var store = ApiKeyStores.Open(null, Store, TimeProvider.System);
        var record = store.Verify(key);

        Assert.NotNull(record);
        Assert.Equal("ops", record.Name);
        Assert.Equal(["predict", "admin"], record.Scopes);
    }

    [Fact]
    public void Create_NoScope_UserErrorListingTheScopes()
    {
        var result = Keys("create", "frontend");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--scope", result.Error, StringComparison.Ordinal);
        Assert.Contains("predict, feedback, admin", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void Create_UnknownScope_UserError()
    {
        var result = Keys("create", "frontend", "--scope", "write");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("write", result.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch("kiln_[a-z0-9]{12}_", result.Out);
        Assert.False(Directory.Exists(Store));
    }

    [Fact]
    public void Create_NameOfAValidKey_UserErrorAndNoKeyPrinted()
    {
        CreateKey("frontend", "predict");

        var result = Keys("create", "frontend", "--scope", "admin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void List_Json_EveryKeyWithItsFieldsAndNoSecret()
    {
        var first = CreateKey("frontend", "predict");
        var second = CreateKey("labeler", "feedback");
        Assert.Equal(0, Keys("revoke", "frontend").ExitCode);

        var result = Keys("list", "--json");

        Assert.Equal(0, result.ExitCode);
        var keys = JsonNode.Parse(result.Out)!.AsArray();
        Assert.Equal(2, keys.Count);
        Assert.Equal(first[5..17], (string?)keys[0]!["id"]);
        Assert.Equal("frontend", (string?)keys[0]!["name"]);
        Assert.Equal(["predict"], keys[0]!["scopes"]!.AsArray().Select(scope => (string?)scope));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)keys[0]!["created"]);
        Assert.NotNull((string?)keys[0]!["revoked"]);
        Assert.Equal("labeler", (string?)keys[1]!["name"]);
        Assert.Null(keys[1]!["revoked"]);
        Assert.DoesNotContain(first[18..], result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(second[18..], result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void List_Text_ATableWithOneRowPerKey()
    {
        var key = CreateKey("frontend", "predict", "feedback");

        var result = Keys("list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(key[5..17] + "  frontend  predict,feedback  ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("-", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public void List_NoStoreYet_SaysHowToCreateOneAndCreatesNothing()
    {
        var result = Keys("list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no API keys", result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Store));
    }

    [Fact]
    public void Revoke_ById_KeyNoLongerVerifies()
    {
        var key = CreateKey("frontend", "predict");

        var result = Keys("revoke", key[5..17]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("revoked API key 'frontend'", result.Out, StringComparison.Ordinal);
        using var store = ApiKeyStores.Open(null, Store, TimeProvider.System);
        Assert.Null(store.Verify(key));
    }

    [Fact]
    public void Revoke_UnknownName_UserErrorNamingIt()
    {
        CreateKey("frontend", "predict");

        var result = Keys("revoke", "backend");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'backend'", result.Error, StringComparison.Ordinal);
        Assert.Contains("frontend", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_NoStore_UserError()
    {
        var result = Keys("revoke", "frontend");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no API keys", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_ProductionStoreAsDevelop_Refused()
    {
        var created = CliRun.Invoke("keys", "create", "frontend", "--scope", "predict", "--store", Store, "--env", "production");
        Assert.True(created.ExitCode == 0, created.Error);

        var asDevelop = Keys("list");
        var asProduction = CliRun.Invoke("keys", "list", "--json", "--store", Store, "--env", "production");

        Assert.Equal(1, asDevelop.ExitCode);
        Assert.Contains("production", asDevelop.Error, StringComparison.Ordinal);
        Assert.Equal(0, asProduction.ExitCode);
        Assert.Single(JsonNode.Parse(asProduction.Out)!.AsArray());
    }
}
