namespace Kiln.Tracking.Keys;

/// <summary>
/// API keys for the prediction server: created with scopes, verified on each request, listed, revoked. Only a SHA-256
/// hash of each key's secret is stored; the key itself is returned once, by <see cref="Create"/>.
/// </summary>
public interface IApiKeyStore : IDisposable
{
    /// <summary>Creates a key named <paramref name="name"/> with <paramref name="scopes"/>.</summary>
    /// <returns>The record and the key; the key cannot be read again.</returns>
    /// <exception cref="ArgumentException">The name is not valid (<see cref="TrackingNames.Rule"/>), no scope was given, or a scope is unknown.</exception>
    /// <exception cref="Core.KilnException">A key that is not revoked already has that name.</exception>
    CreatedApiKey Create(string name, IEnumerable<string> scopes);

    /// <summary>The record of the key <paramref name="presentedKey"/>, or null when it is malformed, unknown, wrong or revoked.</summary>
    /// <remarks>The secret's hash is compared in constant time.</remarks>
    ApiKey? Verify(string? presentedKey);

    /// <summary>Every key, revoked ones too, oldest first; never a secret.</summary>
    IReadOnlyList<ApiKey> List();

    /// <summary>Revokes the key whose id is <paramref name="idOrName"/>, else the key not yet revoked with that name.</summary>
    /// <returns>The revoked key's record.</returns>
    /// <exception cref="Core.KilnException">No key has that id or name, or the key was revoked before.</exception>
    ApiKey Revoke(string idOrName);
}
