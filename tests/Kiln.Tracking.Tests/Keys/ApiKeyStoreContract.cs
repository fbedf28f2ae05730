using Kiln.Core;
using Kiln.Tracking.Keys;

namespace Kiln.Tracking.Tests.Keys;

/// <summary>
/// What every <see cref="IApiKeyStore"/> must do. A store's test class inherits this and says how to open a new, empty
/// store (and, on later calls, another instance on the same database).
/// </summary>
public abstract class ApiKeyStoreContract : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);
    private readonly Lazy<IApiKeyStore> _store;

    protected ApiKeyStoreContract() => _store = new Lazy<IApiKeyStore>(() => OpenStore(_clock));

    /// <summary>Opens the test's store: new and empty on the first call; each later call opens another instance on the same database.</summary>
    protected abstract IApiKeyStore OpenStore(TimeProvider clock);

    private IApiKeyStore Store => _store.Value;

    public virtual void Dispose()
    {
        if (_store.IsValueCreated)
            _store.Value.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Create_NewKey_HasThePrefixIdAndA256BitSecret()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);

        var parts = created.Key.Split('_', 3);
        Assert.Equal("kiln", parts[0]);
        Assert.Equal(created.Record.Id, parts[1]);
        Assert.Matches("^[a-z0-9]{12}$", parts[1]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", parts[2]);
        Assert.Equal(32, Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal("frontend", created.Record.Name);
        Assert.Equal([KeyScopes.Predict], created.Record.Scopes);
        Assert.Equal(Start, created.Record.Created);
        Assert.Null(created.Record.Revoked);
        Assert.DoesNotContain(parts[2], created.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TwoKeys_DifferInIdAndSecret()
    {
        var first = Store.Create("one", [KeyScopes.Predict]);
        var second = Store.Create("two", [KeyScopes.Predict]);

        Assert.NotEqual(first.Record.Id, second.Record.Id);
        Assert.NotEqual(first.Key[18..], second.Key[18..]);
    }

    [Fact]
    public void Create_ScopesRepeatedAndOutOfOrder_StoredOnceInCanonicalOrder()
    {
        var created = Store.Create("ops", [KeyScopes.Admin, KeyScopes.Predict, KeyScopes.Admin]);

        Assert.Equal([KeyScopes.Predict, KeyScopes.Admin], created.Record.Scopes);
        Assert.Equal([KeyScopes.Predict, KeyScopes.Admin], Store.List().Single().Scopes);
    }

    [Theory]
    [InlineData("Predict")]
    [InlineData("write")]
    [InlineData("")]
    public void Create_UnknownScope_RefusedNamingIt(string scope)
    {
        var exception = Assert.Throws<ArgumentException>(() => Store.Create("frontend", [scope]));

        Assert.Contains($"'{scope}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("predict, feedback, admin", exception.Message, StringComparison.Ordinal);
        Assert.Empty(Store.List());
    }

    [Fact]
    public void Create_NoScope_Refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => Store.Create("frontend", []));

        Assert.Contains("at least one scope", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-dash")]
    [InlineData("")]
    public void Create_InvalidName_Refused(string name)
    {
        Assert.Throws<ArgumentException>(() => Store.Create(name, [KeyScopes.Predict]));
    }

    [Fact]
    public void Create_NameOfAValidKey_RefusedNamingTheExistingId()
    {
        var first = Store.Create("frontend", [KeyScopes.Predict]);

        var exception = Assert.Throws<KilnException>(() => Store.Create("frontend", [KeyScopes.Admin]));

        Assert.Contains(first.Record.Id, exception.Message, StringComparison.Ordinal);
        Assert.Single(Store.List());
    }

    [Fact]
    public void Create_NameOfARevokedKey_Allowed()
    {
        var first = Store.Create("frontend", [KeyScopes.Predict]);
        Store.Revoke("frontend");

        var second = Store.Create("frontend", [KeyScopes.Predict]);

        Assert.NotEqual(first.Record.Id, second.Record.Id);
        Assert.Null(Store.Verify(first.Key));
        Assert.Equal(second.Record, Store.Verify(second.Key));
    }

    [Fact]
    public void Verify_CreatedKey_ReturnsItsRecord()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict, KeyScopes.Feedback]);

        var verified = Store.Verify(created.Key);

        Assert.NotNull(verified);
        Assert.Equal(created.Record.Id, verified.Id);
        Assert.Equal("frontend", verified.Name);
        Assert.Equal([KeyScopes.Predict, KeyScopes.Feedback], verified.Scopes);
        Assert.Equal(Start, verified.Created);
    }

    [Fact]
    public void Verify_AnotherInstanceOnTheSameDatabase_AcceptsTheKey()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);

        using var other = OpenStore(_clock);

        Assert.Equal(created.Record, other.Verify(created.Key));
    }

    [Fact]
    public void Verify_OneCharacterOfTheSecretChanged_Null()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);
        var last = created.Key[^1];
        var changed = created.Key[..^1] + (last == 'A' ? 'B' : 'A');

        Assert.Null(Store.Verify(changed));
    }

    [Fact]
    public void Verify_SecretOfAnotherKey_Null()
    {
        var first = Store.Create("one", [KeyScopes.Predict]);
        var second = Store.Create("two", [KeyScopes.Predict]);
        var mixed = first.Key[..18] + second.Key[18..];

        Assert.Null(Store.Verify(mixed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kiln_")]
    [InlineData("Bearer kiln_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("kiln_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("kiln_ABCDEFGHIJKL_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("kiln_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Verify_MalformedOrUnknownKey_Null(string? presented)
    {
        Store.Create("frontend", [KeyScopes.Admin]);

        Assert.Null(Store.Verify(presented));
    }

    [Fact]
    public void Verify_KeyWithSurroundingSpace_Null()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);

        Assert.Null(Store.Verify(" " + created.Key));
        Assert.Null(Store.Verify(created.Key + "\n"));
    }

    [Fact]
    public void Revoke_ByName_KeyRefusedAndListedWithTheTime()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);
        _clock.Advance(TimeSpan.FromHours(2));

        var revoked = Store.Revoke("frontend");

        Assert.Equal(created.Record.Id, revoked.Id);
        Assert.Equal(Start.AddHours(2), revoked.Revoked);
        Assert.Null(Store.Verify(created.Key));
        Assert.Equal(Start.AddHours(2), Store.List().Single().Revoked);
    }

    [Fact]
    public void Revoke_ById_OnlyThatKeyRefused()
    {
        var first = Store.Create("one", [KeyScopes.Predict]);
        var second = Store.Create("two", [KeyScopes.Predict]);

        Store.Revoke(first.Record.Id);

        Assert.Null(Store.Verify(first.Key));
        Assert.Equal(second.Record, Store.Verify(second.Key));
    }

    [Fact]
    public void Revoke_Twice_RefusedSayingWhen()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);
        Store.Revoke(created.Record.Id);

        var exception = Assert.Throws<KilnException>(() => Store.Revoke(created.Record.Id));

        Assert.Contains("already revoked", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_RevokedName_RefusedNamingTheRevokedId()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);
        Store.Revoke("frontend");

        var exception = Assert.Throws<KilnException>(() => Store.Revoke("frontend"));

        Assert.Contains(created.Record.Id, exception.Message, StringComparison.Ordinal);
        Assert.Contains("revoked before", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_Unknown_RefusedListingTheValidKeys()
    {
        var created = Store.Create("frontend", [KeyScopes.Predict]);

        var exception = Assert.Throws<KilnException>(() => Store.Revoke("backend"));

        Assert.Contains("'backend'", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"frontend ({created.Record.Id})", exception.Message, StringComparison.Ordinal);
        Assert.Equal(created.Record, Store.Verify(created.Key));
    }

    [Fact]
    public void List_Empty_NoKeys()
    {
        Assert.Empty(Store.List());
    }

    [Fact]
    public void List_SeveralKeys_OldestFirstWithoutSecrets()
    {
        var first = Store.Create("one", [KeyScopes.Predict]);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = Store.Create("two", [KeyScopes.Feedback]);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Store.Revoke("one");

        var keys = Store.List();

        Assert.Equal([first.Record.Id, second.Record.Id], keys.Select(key => key.Id));
        Assert.Equal(Start.AddMinutes(2), keys[0].Revoked);
        Assert.Null(keys[1].Revoked);
        Assert.Equal(Start.AddMinutes(1), keys[1].Created);
    }
}
