using System.Security.Cryptography;

namespace Kiln.Serving.Predictions;

/// <summary>
/// Prediction ids: 26 characters of Crockford base 32 that sort by time. 48 bits of Unix milliseconds, then a 32-bit
/// prefix drawn once per process from the operating system's random source, then a 48-bit counter that starts at a
/// random value and is incremented atomically — unique within a process by the counter, across processes by the prefix.
/// </summary>
internal sealed class PredictionIds
{
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly TimeProvider _time;
    private readonly uint _prefix;
    private long _counter;

    public PredictionIds(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        _prefix = BitConverter.ToUInt32(bytes);
        // The counter starts in the lower half of its 48 bits, so a process would need 2^47 ids to wrap it.
        _counter = (long)(BitConverter.ToUInt64(bytes[2..]) & ((1UL << 47) - 1));
    }

    public string Next()
    {
        var milliseconds = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds() & ((1UL << 48) - 1);
        var counter = (ulong)Interlocked.Increment(ref _counter) & ((1UL << 48) - 1);
        // 128 bits: high = time (48) | prefix high 16; low = prefix low 16 | counter (48).
        var high = (milliseconds << 16) | (_prefix >> 16);
        var low = ((ulong)(_prefix & 0xFFFF) << 48) | counter;
        return string.Create(Length, (high, low), static (chars, value) =>
        {
            var (high, low) = value;
            // 26 characters of 5 bits are 130 bits; the first character carries the top 3 bits.
            for (var index = Length - 1; index >= 0; index--)
            {
                chars[index] = Alphabet[(int)(low & 31)];
                low = (low >> 5) | (high << 59);
                high >>= 5;
            }
        });
    }
}
