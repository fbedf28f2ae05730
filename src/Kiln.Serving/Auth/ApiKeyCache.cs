using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Kiln.Tracking.Keys;

namespace Kiln.Serving.Auth;

/// <summary>
/// Remembers keys the store verified for a short lifetime, so that a busy server does not query the store on every request;
/// a key revoked in the store is refused at most one lifetime after its last successful verification.
/// </summary>
/// <remarks>
/// Only successful verifications are remembered (a key created while the server runs counts at once; a wrong, unknown or
/// revoked key goes to the store, with its constant-time comparison, every time). Entries are found by the SHA-256 of the
/// presented key, never the key itself, so the memory holds no secret and the lookup's timing depends only on a hash the
/// client cannot steer towards a stored one. At most <see cref="MaxEntries"/> keys are remembered; when full, expired
/// entries are dropped, and if none have expired the new key is simply not remembered. A lifetime of zero turns the cache off.
/// </remarks>
internal sealed class ApiKeyCache
{
    public const int MaxEntries = 4096;

    private readonly IApiKeyStore _store;
    private readonly long _lifetimeTicks;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Digest, Entry> _entries = new();

    public ApiKeyCache(IApiKeyStore store, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.Zero);
        _store = store;
        _lifetimeTicks = lifetime.Ticks;
        _time = time;
    }

    /// <summary>The key's record if it is valid (remembered, or verified by the store now), else null.</summary>
    public ApiKey? Verify(string presentedKey)
    {
        if (_lifetimeTicks == 0)
            return _store.Verify(presentedKey);
        var digest = Digest.Of(presentedKey);
        var now = _time.GetUtcNow().UtcTicks;
        if (_entries.TryGetValue(digest, out var entry) && now < entry.ExpiresTicks)
            return entry.Key;
        var key = _store.Verify(presentedKey);
        if (key is null)
        {
            _entries.TryRemove(digest, out _);
            return null;
        }
        if (_entries.Count >= MaxEntries)
            DropExpired(now);
        if (_entries.Count < MaxEntries)
            _entries[digest] = new Entry(key, now + _lifetimeTicks);
        return key;
    }

    private void DropExpired(long now)
    {
        foreach (var (digest, entry) in _entries)
        {
            if (now >= entry.ExpiresTicks)
                _entries.TryRemove(digest, out _);
        }
    }

    private sealed record Entry(ApiKey Key, long ExpiresTicks);

    private readonly record struct Digest(ulong First, ulong Second, ulong Third, ulong Fourth)
    {
        public static Digest Of(string key)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            var length = Encoding.UTF8.GetMaxByteCount(key.Length);
            var bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
            var written = Encoding.UTF8.GetBytes(key, bytes);
            SHA256.HashData(bytes[..written], hash);
            return new Digest(
                BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]),
                BitConverter.ToUInt64(hash[16..24]), BitConverter.ToUInt64(hash[24..]));
        }
    }
}
