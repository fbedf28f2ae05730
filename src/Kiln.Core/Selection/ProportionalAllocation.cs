namespace Kiln.Core.Selection;

/// <summary>
/// Splits class counts across parts in proportion: cell (c, p) gets ⌊q⌋ or ⌈q⌉ rows, q = n_c · size_p / n, while every class's
/// total and every part's size stay exact (controlled rounding, Bacharach 1966). Such a rounding always exists: the fractional
/// parts form a feasible fractional flow, so an integral one exists too (Ford and Fulkerson's integrality theorem).
/// </summary>
/// <remarks>
/// Cells with the largest fractional parts are rounded up first (largest-remainder, ties in a seeded random order so no
/// class is always favoured); when that greedy pass gets stuck, augmenting paths move the remaining rows.
/// </remarks>
internal static class ProportionalAllocation
{
    public static int[][] Allocate(int[] classSizes, int[] partSizes, KilnRandom random)
    {
        var classCount = classSizes.Length;
        var partCount = partSizes.Length;
        long total = 0;
        foreach (var size in classSizes)
            total += size;

        var allocation = new int[classCount][];
        var classNeed = new int[classCount];
        var partNeed = (int[])partSizes.Clone();
        var cells = new List<(int Class, int Part, long Remainder, ulong TieBreak)>();
        for (var c = 0; c < classCount; c++)
        {
            allocation[c] = new int[partCount];
            classNeed[c] = classSizes[c];
            for (var p = 0; p < partCount; p++)
            {
                var product = (long)classSizes[c] * partSizes[p];
                var floor = (int)(product / total);
                allocation[c][p] = floor;
                classNeed[c] -= floor;
                partNeed[p] -= floor;
                var remainder = product % total;
                if (remainder > 0)
                    cells.Add((c, p, remainder, random.NextUInt64()));
            }
        }

        var roundedUp = new bool[classCount, partCount];
        var canRoundUp = new bool[classCount, partCount];
        foreach (var cell in cells)
            canRoundUp[cell.Class, cell.Part] = true;
        foreach (var cell in cells.OrderByDescending(cell => cell.Remainder).ThenBy(cell => cell.TieBreak).ThenBy(cell => cell.Class).ThenBy(cell => cell.Part))
        {
            if (classNeed[cell.Class] > 0 && partNeed[cell.Part] > 0)
            {
                roundedUp[cell.Class, cell.Part] = true;
                classNeed[cell.Class]--;
                partNeed[cell.Part]--;
            }
        }
        while (Augment(classNeed, partNeed, canRoundUp, roundedUp))
        {
        }
        if (classNeed.Any(need => need != 0))
            throw new InvalidOperationException("Proportional allocation found no rounding that keeps every total; this is a bug in Kiln.");

        for (var c = 0; c < classCount; c++)
        {
            for (var p = 0; p < partCount; p++)
            {
                if (roundedUp[c, p])
                    allocation[c][p]++;
            }
        }
        return allocation;
    }

    // One breadth-first search for a path class → part (round up) → class (undo a round-up) → … → part with room.
    private static bool Augment(int[] classNeed, int[] partNeed, bool[,] canRoundUp, bool[,] roundedUp)
    {
        var classCount = classNeed.Length;
        var partCount = partNeed.Length;
        var classParent = new int[classCount];
        var partParent = new int[partCount];
        Array.Fill(classParent, -2);
        Array.Fill(partParent, -1);
        var queue = new Queue<int>();
        for (var c = 0; c < classCount; c++)
        {
            if (classNeed[c] > 0)
            {
                classParent[c] = -1;
                queue.Enqueue(c);
            }
        }
        while (queue.Count > 0)
        {
            var c = queue.Dequeue();
            for (var p = 0; p < partCount; p++)
            {
                if (!canRoundUp[c, p] || roundedUp[c, p] || partParent[p] >= 0)
                    continue;
                partParent[p] = c;
                if (partNeed[p] > 0)
                {
                    Flip(p, classParent, partParent, classNeed, partNeed, roundedUp);
                    return true;
                }
                for (var next = 0; next < classCount; next++)
                {
                    if (roundedUp[next, p] && classParent[next] == -2)
                    {
                        classParent[next] = p;
                        queue.Enqueue(next);
                    }
                }
            }
        }
        return false;
    }

    private static void Flip(int endPart, int[] classParent, int[] partParent, int[] classNeed, int[] partNeed, bool[,] roundedUp)
    {
        partNeed[endPart]--;
        var p = endPart;
        while (true)
        {
            var c = partParent[p];
            roundedUp[c, p] = true;
            var previousPart = classParent[c];
            if (previousPart < 0)
            {
                classNeed[c]--;
                return;
            }
            roundedUp[c, previousPart] = false;
            p = previousPart;
        }
    }
}
