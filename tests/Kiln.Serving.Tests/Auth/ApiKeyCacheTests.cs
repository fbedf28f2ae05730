using System.Net;
using System.Net.Http.Headers;
using Kiln.Serving.Auth;
using Kiln.Tracking.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiln.Serving.Tests.Auth;

/// <summary>
/// The cache of verified keys over a real SQLite key store and a hand-moved clock: a key revoked in the store is refused
/// once the lifetime has passed since its last verification, never later; failures are never remembered.
/// </summary>
public sealed class ApiKeyCacheTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("kiln-key-cache-tests-").FullName;
    private readonly CountingStore _store;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public ApiKeyCacheTests() => _store = new CountingStore(ApiKeyStores.Open(null, _folder, TimeProvider.System));

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Verify_KeyRevokedInStore_AcceptedWithinLifetimeRefusedAtItsEnd()
    {
        var created = _store.Create("frontend", [ApiKeyScopes.Predict]);
        var cache = new ApiKeyCache(_store, Lifetime, _clock);
        Assert.Equal(created.Record.Id, cache.Verify(created.Key)?.Id);

        _store.Revoke(created.Record.Id);
        _clock.Advance(Lifetime - TimeSpan.FromTicks(1));
        Assert.NotNull(cache.Verify(created.Key));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(cache.Verify(created.Key));
        Assert.Null(cache.Verify(created.Key));
    }

    [Fact]
    public void Verify_RepeatedWithinLifetime_StoreAskedOncePerLifetime()
    {
        var created = _store.Create("frontend", [ApiKeyScopes.Predict]);
        var cache = new ApiKeyCache(_store, Lifetime, _clock);
        for (var request = 0; request < 5; request++)
            Assert.NotNull(cache.Verify(created.Key));
        Assert.Equal(1, _store.Verifications);

        _clock.Advance(Lifetime);
        Assert.NotNull(cache.Verify(created.Key));
        Assert.Equal(2, _store.Verifications);
    }

    [Fact]
    public void Verify_WrongKey_NeverRememberedSoEachTryAsksTheStore()
    {
        var created = _store.Create("frontend", [ApiKeyScopes.Predict]);
        var cache = new ApiKeyCache(_store, Lifetime, _clock);
        var wrong = created.Key[..^4] + (created.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        for (var attempt = 0; attempt < 3; attempt++)
            Assert.Null(cache.Verify(wrong));
        Assert.Equal(3, _store.Verifications);
        Assert.NotNull(cache.Verify(created.Key));
    }

    [Fact]
    public void Verify_KeyCreatedAfterARefusal_AcceptedAtOnce()
    {
        var cache = new ApiKeyCache(_store, Lifetime, _clock);
        var first = _store.Create("first", [ApiKeyScopes.Predict]);
        _store.Revoke(first.Record.Id);
        Assert.Null(cache.Verify(first.Key));
        var second = _store.Create("second", [ApiKeyScopes.Predict]);
        Assert.Equal(second.Record.Id, cache.Verify(second.Key)?.Id);
    }

    [Fact]
    public void Verify_ZeroLifetime_RevocationCountsAtOnce()
    {
        var created = _store.Create("frontend", [ApiKeyScopes.Predict]);
        var cache = new ApiKeyCache(_store, TimeSpan.Zero, _clock);
        Assert.NotNull(cache.Verify(created.Key));
        _store.Revoke(created.Record.Id);
        Assert.Null(cache.Verify(created.Key));
        Assert.Equal(2, _store.Verifications);
    }

    [Fact]
    public void Verify_CacheFull_NewKeyNotRememberedUntilEntriesExpire()
    {
        using var store = new CountingStore(new AcceptingStore());
        var cache = new ApiKeyCache(store, Lifetime, _clock);
        for (var key = 0; key < ApiKeyCache.MaxEntries; key++)
            Assert.NotNull(cache.Verify($"key-{key}"));
        Assert.NotNull(cache.Verify("key-0"));
        Assert.Equal(ApiKeyCache.MaxEntries, store.Verifications);

        Assert.NotNull(cache.Verify("one-more"));
        Assert.NotNull(cache.Verify("one-more"));
        Assert.Equal(ApiKeyCache.MaxEntries + 2, store.Verifications);

        _clock.Advance(Lifetime);
        Assert.NotNull(cache.Verify("one-more"));
        Assert.NotNull(cache.Verify("one-more"));
        Assert.Equal(ApiKeyCache.MaxEntries + 3, store.Verifications);
    }

    [Fact]
    public async Task Server_KeyRevokedWhileServing_401OnceLifetimeHasPassed()
    {
        var created = _store.Create("frontend", [ApiKeyScopes.Predict]);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(ApiKeyAuthentication.Scheme).AddKilnApiKeys(_store, Lifetime, _clock);
        builder.Services.AddKilnAuthorization();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/predict", () => Results.Ok()).RequireAuthorization(ApiKeyScopes.Predict);
        await app.StartAsync(CancellationToken.None);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, await Post(client, created.Key));
        Assert.Equal(HttpStatusCode.OK, await Post(client, created.Key));
        Assert.Equal(1, _store.Verifications);
        _store.Revoke(created.Record.Id);
        Assert.Equal(HttpStatusCode.OK, await Post(client, created.Key));
        _clock.Advance(Lifetime);
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(client, created.Key));
        await app.StopAsync(CancellationToken.None);
    }

    private static async Task<HttpStatusCode> Post(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request, CancellationToken.None);
        return response.StatusCode;
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    // Takes any key as valid: a store to fill the cache with.
    private sealed class AcceptingStore : IApiKeyStore
    {
        public CreatedApiKey Create(string name, IEnumerable<string> scopes) => throw new NotSupportedException();

        public ApiKey? Verify(string? presentedKey) => new() { Id = "k", Name = presentedKey ?? "none", Scopes = [ApiKeyScopes.Predict], Created = DateTimeOffset.UnixEpoch };

        public IReadOnlyList<ApiKey> List() => [];

        public ApiKey Revoke(string idOrName) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    private sealed class CountingStore(IApiKeyStore inner) : IApiKeyStore
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public CreatedApiKey Create(string name, IEnumerable<string> scopes) => inner.Create(name, scopes);

        public ApiKey? Verify(string? presentedKey)
        {
            Interlocked.Increment(ref _verifications);
            return inner.Verify(presentedKey);
        }

        public IReadOnlyList<ApiKey> List() => inner.List();

        public ApiKey Revoke(string idOrName) => inner.Revoke(idOrName);

        public void Dispose() => inner.Dispose();
    }
}
