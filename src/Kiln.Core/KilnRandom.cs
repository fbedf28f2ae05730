using System.Buffers.Binary;

namespace Kiln.Core;

/// <summary>A seeded pseudo-random generator whose sequence is fixed by Kiln, not by the runtime: xoshiro256** (Blackman and Vigna, 2018).</summary>
/// <remarks>
/// Not thread-safe: give each worker its own instance seeded with <see cref="Seeds.Derive"/>.
/// <see cref="System.Random"/> is banned in library code because its seeded sequence is not promised across runtime versions.
/// </remarks>
public sealed class KilnRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareGaussian;

    /// <summary>Creates a generator; equal seeds give equal sequences.</summary>
    public KilnRandom(ulong seed)
    {
        // Fill the state from SplitMix64 so that any seed, 0 included, gives a well-mixed, non-zero state.
        _s0 = Seeds.Derive(seed, 0);
        _s1 = Seeds.Derive(seed, 1);
        _s2 = Seeds.Derive(seed, 2);
        _s3 = Seeds.Derive(seed, 3);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
            _s0 = 1;
    }

    /// <summary>The number of bytes <see cref="SaveState"/> writes.</summary>
    public const int StateSize = 41;

    /// <summary>Writes the generator's complete state, so that <see cref="FromState"/> continues the sequence exactly where this one is.</summary>
    /// <returns><see cref="StateSize"/> bytes: the four state words and the spare normal draw, little-endian.</returns>
    public byte[] SaveState()
    {
        var state = new byte[StateSize];
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(0), _s0);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(8), _s1);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(16), _s2);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(24), _s3);
        state[32] = _spareGaussian.HasValue ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteDoubleLittleEndian(state.AsSpan(33), _spareGaussian ?? 0);
        return state;
    }

    /// <summary>A generator that continues the sequence of the one whose <see cref="SaveState"/> wrote <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">The state is not <see cref="StateSize"/> bytes, its words are all zero, or its spare-draw flag is not 0 or 1.</exception>
    public static KilnRandom FromState(ReadOnlySpan<byte> state)
    {
        if (state.Length != StateSize)
            throw new ArgumentException($"A generator state is {StateSize} bytes; this one has {state.Length}.", nameof(state));
        var random = new KilnRandom(0)
        {
            _s0 = BinaryPrimitives.ReadUInt64LittleEndian(state),
            _s1 = BinaryPrimitives.ReadUInt64LittleEndian(state[8..]),
            _s2 = BinaryPrimitives.ReadUInt64LittleEndian(state[16..]),
            _s3 = BinaryPrimitives.ReadUInt64LittleEndian(state[24..]),
        };
        if ((random._s0 | random._s1 | random._s2 | random._s3) == 0)
            throw new ArgumentException("The generator state words are all zero, which xoshiro256** never reaches; the state is corrupt.", nameof(state));
        random._spareGaussian = state[32] switch
        {
            0 => null,
            1 => BinaryPrimitives.ReadDoubleLittleEndian(state[33..]),
            _ => throw new ArgumentException($"The generator state's spare-draw flag is {state[32]}; it must be 0 or 1.", nameof(state)),
        };
        return random;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire, 2019).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var range = (ulong)maxExclusive;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
                product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)product;
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt32(int minInclusive, int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(minInclusive, maxExclusive);
        return minInclusive + NextInt32(maxExclusive - minInclusive);
    }

    /// <summary>A standard normal draw (Marsaglia's polar method).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = NextInt32(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>A random permutation of 0 … <paramref name="count"/> − 1.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new int[count];
        for (var i = 0; i < count; i++)
            result[i] = i;
        Shuffle(result.AsSpan());
        return result;
    }
}
