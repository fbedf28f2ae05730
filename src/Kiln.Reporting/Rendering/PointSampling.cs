using Kiln.Core;

namespace Kiln.Reporting.Rendering;

// Deterministic thinning of large point sets so that a report stays small: the same input always gives the same points.
internal static class PointSampling
{
    // A fixed seed: the sample depends on the data only, never on the run's seed, so two reports of one data set agree.
    private const ulong SampleSeed = 0x4B494C4E5245504FUL;

    /// <summary>The rows of a scatter to draw: all of them up to <paramref name="cap"/>, else a seeded uniform sample of <paramref name="cap"/> rows, in row order.</summary>
    public static int[] ScatterRows(int count, int cap)
    {
        if (count <= cap)
            return Enumerable.Range(0, count).ToArray();
        var chosen = new KilnRandom(SampleSeed).Permutation(count).AsSpan(0, cap).ToArray();
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The points of a curve to draw: all of them up to <paramref name="cap"/>, else <paramref name="cap"/> evenly spaced ones, first and last included.</summary>
    public static int[] CurvePoints(int count, int cap)
    {
        if (count <= cap)
            return Enumerable.Range(0, count).ToArray();
        var chosen = new int[cap];
        for (var i = 0; i < cap; i++)
            chosen[i] = (int)((long)i * (count - 1) / (cap - 1));
        return chosen;
    }
}
