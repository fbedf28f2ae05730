using Kiln.Core;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>Deterministic test content.</summary>
internal static class TestBytes
{
    /// <summary><paramref name="length"/> bytes from a seeded generator.</summary>
    public static byte[] Random(int length, ulong seed)
    {
        var random = new KilnRandom(seed);
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)(random.NextUInt64() >> 56);
        return bytes;
    }

    /// <summary>Every byte value 0–255, twice, the second time in reverse.</summary>
    public static byte[] EveryValue() =>
        [.. Enumerable.Range(0, 256).Select(i => (byte)i), .. Enumerable.Range(0, 256).Select(i => (byte)(255 - i))];
}
