namespace Kiln.Core;

/// <summary>Derives independent child seeds from a parent seed, by index, the same on every machine, runtime and thread count.</summary>
public static class Seeds
{
    /// <summary>The seed for stream <paramref name="stream"/> (a tree, a fold, a trial) of <paramref name="seed"/>.</summary>
    /// <remarks>SplitMix64's finaliser (Steele, Lea and Flood, 2014) over seed + golden-ratio × (stream + 1): adjacent streams give unrelated seeds.</remarks>
    public static ulong Derive(ulong seed, int stream)
    {
        var z = seed + (0x9E3779B97F4A7C15UL * (ulong)(stream + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
