using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class ProportionalAllocationTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(5UL)]
    public void Allocate_RandomTables_KeepTotalsAndRoundEachCellToFloorOrCeiling(ulong seed)
    {
        var random = new KilnRandom(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var classSizes = Enumerable.Range(0, 1 + random.NextInt32(12)).Select(_ => 1 + random.NextInt32(40)).ToArray();
            var total = classSizes.Sum();
            var partSizes = RandomComposition(total, 2 + random.NextInt32(3), random);

            var allocation = ProportionalAllocation.Allocate(classSizes, partSizes, new KilnRandom(seed + (ulong)trial));

            for (var c = 0; c < classSizes.Length; c++)
                Assert.Equal(classSizes[c], allocation[c].Sum());
            for (var p = 0; p < partSizes.Length; p++)
            {
                Assert.Equal(partSizes[p], allocation.Sum(row => row[p]));
                for (var c = 0; c < classSizes.Length; c++)
                {
                    var product = (long)classSizes[c] * partSizes[p];
                    Assert.InRange((long)allocation[c][p] * total, product - total + 1, product + total - 1);
                }
            }
        }
    }

    [Fact]
    public void Allocate_ExactShares_AreNotRounded()
    {
        var allocation = ProportionalAllocation.Allocate([20, 40], [30, 15, 15], new KilnRandom(0));

        Assert.Equal([10, 5, 5], allocation[0]);
        Assert.Equal([20, 10, 10], allocation[1]);
    }

    [Fact]
    public void Allocate_GreedyDeadEnd_IsRepairedByAugmentingPath()
    {
        // Classes 14, 1, 8, 7, 13 over parts 36, 2, 5 (n = 43): no two cells share a remainder, so the greedy order is fixed,
        // and rounding up the largest remainders first leaves one row that no open cell can take (found by simulating the
        // greedy pass over random tables); only moving an earlier round-up makes the totals exact.
        int[] classSizes = [14, 1, 8, 7, 13];
        int[] partSizes = [36, 2, 5];

        var allocation = ProportionalAllocation.Allocate(classSizes, partSizes, new KilnRandom(9));

        Assert.Equal(classSizes, allocation.Select(row => row.Sum()));
        Assert.Equal(partSizes, Enumerable.Range(0, 3).Select(p => allocation.Sum(row => row[p])));
        for (var c = 0; c < classSizes.Length; c++)
        {
            for (var p = 0; p < partSizes.Length; p++)
                Assert.InRange(allocation[c][p] * 43, (classSizes[c] * partSizes[p]) - 42, (classSizes[c] * partSizes[p]) + 42);
        }
    }

    private static int[] RandomComposition(int total, int parts, KilnRandom random)
    {
        var sizes = new int[parts];
        for (var i = 0; i < total; i++)
            sizes[random.NextInt32(parts)]++;
        return sizes;
    }
}
