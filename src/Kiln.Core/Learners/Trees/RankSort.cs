using System.Numerics;

namespace Kiln.Core.Learners.Trees;

// Sorts a node's (rank << 32 | row) keys by rank. Small nodes use the runtime's introsort on the whole key; larger ones
// an LSD radix sort over just the bits the node's rank range needs (max − min), in as few passes of at most 11 bits as
// that takes, so a feature with a handful of values sorts in one counting pass and a continuous one in two.
internal static class RankSort
{
    public const int HistogramLength = 1 << MaxDigitBits;

    private const int ComparisonSortLimit = 128;
    private const int MaxDigitBits = 11;

    public static void Sort(Span<ulong> keys, Span<ulong> scratch, uint minRank, uint maxRank, Span<int> histogram)
    {
        if (keys.Length <= ComparisonSortLimit)
        {
            keys.Sort();
            return;
        }
        if (minRank == maxRank)
            return;
        var bits = 32 - BitOperations.LeadingZeroCount(maxRank - minRank);
        var passes = (bits + MaxDigitBits - 1) / MaxDigitBits;
        var digitBits = (bits + passes - 1) / passes;
        var mask = (1u << digitBits) - 1;
        var counts = histogram[..(1 << digitBits)];
        var source = keys;
        var destination = scratch[..keys.Length];
        for (var pass = 0; pass < passes; pass++)
        {
            var shift = pass * digitBits;
            counts.Clear();
            foreach (var key in source)
                counts[(int)((((uint)(key >> 32) - minRank) >> shift) & mask)]++;
            var offset = 0;
            for (var digit = 0; digit < counts.Length; digit++)
            {
                var count = counts[digit];
                counts[digit] = offset;
                offset += count;
            }
            foreach (var key in source)
                destination[counts[(int)((((uint)(key >> 32) - minRank) >> shift) & mask)]++] = key;
            var swap = source;
            source = destination;
            destination = swap;
        }
        if (passes % 2 == 1)
            source.CopyTo(keys);
    }
}
