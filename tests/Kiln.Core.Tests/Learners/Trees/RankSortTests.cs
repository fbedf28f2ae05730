using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Tests.Learners.Trees;

public sealed class RankSortTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(100, 3)]
    [InlineData(128, 100_000)]
    [InlineData(129, 1)]
    [InlineData(1_000, 2)]
    [InlineData(1_000, 2_047)]
    [InlineData(5_000, 2_049)]
    [InlineData(5_000, 4_000_000)]
    [InlineData(20_000, int.MaxValue)]
    public void Sort_RandomKeys_OrdersByRankAndKeepsEveryKey(int count, int rankRange)
    {
        var random = new KilnRandom((ulong)(count + rankRange));
        var minRank = (uint)random.NextInt32(1000);
        var keys = new ulong[count];
        for (var i = 0; i < count; i++)
            keys[i] = ((ulong)(minRank + (uint)random.NextInt32(rankRange)) << 32) | (uint)i;
        var expected = keys.OrderBy(key => key).ToArray();
        var minimum = count == 0 ? minRank : keys.Min(key => (uint)(key >> 32));
        var maximum = count == 0 ? minRank : keys.Max(key => (uint)(key >> 32));

        RankSort.Sort(keys, new ulong[count], minimum, maximum, new int[RankSort.HistogramLength]);

        for (var i = 1; i < count; i++)
            Assert.True(keys[i - 1] >> 32 <= keys[i] >> 32, $"Keys {i - 1} and {i} are out of rank order.");
        Assert.Equal(expected, keys.OrderBy(key => key));
    }

    [Fact]
    public void Sort_EqualRanks_KeepInputOrderInRadixPasses()
    {
        var keys = Enumerable.Range(0, 500).Select(i => ((ulong)(uint)(i % 2) << 32) | (uint)(499 - i)).ToArray();

        RankSort.Sort(keys, new ulong[keys.Length], 0, 1, new int[RankSort.HistogramLength]);

        var rows = keys.Select(key => (int)(uint)key).ToArray();
        Assert.Equal(Enumerable.Range(0, 250).Select(i => 499 - (2 * i)), rows.Take(250));
        Assert.Equal(Enumerable.Range(0, 250).Select(i => 498 - (2 * i)), rows.Skip(250));
    }
}
