using Kiln.Tracking.Keys;
using Microsoft.AspNetCore.Authentication;

namespace Kiln.Serving.Auth;

/// <summary>
/// Authentication by Kiln API keys: a client sends its key as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>; the key is checked against an <see cref="IApiKeyStore"/> (hash compared in constant time).
/// </summary>
/// <remarks>
/// A request without a key, or with one that is malformed, unknown or revoked, is answered 401 with a
/// <c>WWW-Authenticate: Bearer</c> challenge and an RFC 9457 problem+json body; a valid key without the scope an endpoint's
/// policy requires is answered 403, also problem+json. The user of an authenticated request carries the claims of
/// <see cref="ApiKeyClaims"/>.
/// </remarks>
public static class ApiKeyAuthentication
{
    /// <summary>The authentication scheme's name.</summary>
    public const string Scheme = "KilnApiKey";

    /// <summary>The header a key may be sent in instead of <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>How long a verified key is remembered by default: a key revoked in the store is refused at most this long after it was last verified.</summary>
    public static readonly TimeSpan DefaultKeyCacheLifetime = TimeSpan.FromSeconds(1);

    /// <summary>Adds the API key scheme (<see cref="Scheme"/>), verifying keys against <paramref name="keys"/> and remembering verified keys for <see cref="DefaultKeyCacheLifetime"/>.</summary>
    /// <param name="builder">The authentication builder (<c>services.AddAuthentication(ApiKeyAuthentication.Scheme)</c>).</param>
    /// <param name="keys">The key store; it must stay open while the server runs (the caller disposes it afterwards).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AuthenticationBuilder AddKilnApiKeys(this AuthenticationBuilder builder, IApiKeyStore keys) =>
        builder.AddKilnApiKeys(keys, DefaultKeyCacheLifetime, TimeProvider.System);

    /// <summary>Adds the API key scheme (<see cref="Scheme"/>), verifying keys against <paramref name="keys"/> and remembering a verified key for <paramref name="cacheLifetime"/>.</summary>
    /// <param name="builder">The authentication builder (<c>services.AddAuthentication(ApiKeyAuthentication.Scheme)</c>).</param>
    /// <param name="keys">The key store; it must stay open while the server runs (the caller disposes it afterwards).</param>
    /// <param name="cacheLifetime">
    /// How long a successful verification is remembered, so that requests do not each query the store: a key revoked in the
    /// store is refused at most this long after its last successful verification. Zero queries the store on every request.
    /// Wrong, unknown and revoked keys are never remembered.
    /// </param>
    /// <param name="timeProvider">The clock of the cache's lifetimes.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cacheLifetime"/> is negative.</exception>
    public static AuthenticationBuilder AddKilnApiKeys(this AuthenticationBuilder builder, IApiKeyStore keys, TimeSpan cacheLifetime, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheLifetime, TimeSpan.Zero);
        var cache = new ApiKeyCache(keys, cacheLifetime, timeProvider);
        return builder.AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(Scheme, "Kiln API key", options => options.Keys = cache);
    }
}
