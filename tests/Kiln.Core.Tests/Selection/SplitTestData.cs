namespace Kiln.Core.Tests.Selection;

/// <summary>Seeded labels and groups for property tests.</summary>
internal static class SplitTestData
{
    /// <summary>Random class codes 0 … classCount − 1, skewed so classes differ in size, with every class at least <paramref name="minimumPerClass"/> rows.</summary>
    public static int[] Classes(int rowCount, int classCount, int minimumPerClass, ulong seed)
    {
        var random = new KilnRandom(seed);
        var codes = new int[rowCount];
        var fixedRows = classCount * minimumPerClass;
        for (var row = 0; row < rowCount; row++)
        {
            if (row < fixedRows)
            {
                codes[row] = row % classCount;
                continue;
            }
            // Class c is drawn with weight c + 1: the last class is the most common.
            var draw = random.NextInt32(classCount * (classCount + 1) / 2);
            var c = 0;
            while (draw >= c + 1)
            {
                draw -= c + 1;
                c++;
            }
            codes[row] = c;
        }
        random.Shuffle(codes.AsSpan());
        return codes;
    }

    /// <summary>Random group codes for <paramref name="groupCount"/> groups of random sizes (every group at least one row).</summary>
    public static int[] Groups(int rowCount, int groupCount, ulong seed)
    {
        var random = new KilnRandom(seed);
        var codes = new int[rowCount];
        for (var row = 0; row < rowCount; row++)
            codes[row] = row < groupCount ? row : random.NextInt32(groupCount);
        random.Shuffle(codes.AsSpan());
        // Arbitrary, non-contiguous keys: groups are compared by equality only.
        for (var row = 0; row < rowCount; row++)
            codes[row] = (codes[row] * 7919) - 1000;
        return codes;
    }
}
