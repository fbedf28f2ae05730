using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class RepeatedKFoldTests
{
    [Theory]
    [InlineData(0UL, 2, 2, 3)]
    [InlineData(1UL, 7, 3, 4)]
    [InlineData(42UL, 50, 5, 10)]
    [InlineData(99UL, 101, 10, 2)]
    public void Split_EachRepeat_IsAPartitionWithBalancedFolds(ulong seed, int rows, int folds, int repeats)
    {
        var split = new RepeatedKFold(folds, repeats, seed).Split(SplitData.ForRows(rows)).ToList();

        SplitAssert.IsPartitionPerRepeat(rows, split, folds, repeats);
        SplitAssert.SizesWithinOne(split);
    }

    [Fact]
    public void Split_RepeatR_IsKFoldWithDerivedSeed()
    {
        var split = new RepeatedKFold(4, 3, seed: 17).Split(SplitData.ForRows(30)).ToList();

        for (var repeat = 0; repeat < 3; repeat++)
        {
            var expected = new KFold(4, shuffle: true, Seeds.Derive(17, repeat)).Split(SplitData.ForRows(30));
            Assert.Equal(SplitAssert.TestFolds(expected), SplitAssert.TestFolds(split.Where(fold => fold.Repeat == repeat)));
        }
    }

    [Fact]
    public void Split_Repeats_DifferFromEachOther()
    {
        var split = new RepeatedKFold(5, 6, seed: 3).Split(SplitData.ForRows(40)).ToList();

        var repeats = split.GroupBy(fold => fold.Repeat).Select(group => group.ToList()).ToList();
        for (var i = 0; i < repeats.Count; i++)
        {
            for (var j = i + 1; j < repeats.Count; j++)
                Assert.False(SplitAssert.SameTestFolds(repeats[i], repeats[j]), $"repeats {i} and {j} are the same");
        }
    }

    [Fact]
    public void Split_SameSeed_GivesSameFolds()
    {
        var first = new RepeatedKFold(3, 4, seed: 8).Split(SplitData.ForRows(17));
        var second = new RepeatedKFold(3, 4, seed: 8).Split(SplitData.ForRows(17));

        Assert.Equal(SplitAssert.TestFolds(first), SplitAssert.TestFolds(second));
    }

    [Fact]
    public void FoldCount_IsFoldsTimesRepeats()
    {
        var splitter = new RepeatedKFold(folds: 4, repeats: 3);

        Assert.Equal(12, splitter.FoldCount);
        Assert.Equal(12, splitter.Split(SplitData.ForRows(10)).Count());
        Assert.Equal(10, new RepeatedKFold().Repeats);
    }

    [Fact]
    public void Constructor_ZeroRepeats_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatedKFold(5, repeats: 0));

        Assert.Contains("at least 1 repeat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_MoreFoldsThanRows_ThrowsAtCallNotAtEnumeration()
    {
        var splitter = new RepeatedKFold(6, 2);

        var error = Assert.Throws<ArgumentException>(() => splitter.Split(SplitData.ForRows(5)));

        Assert.Contains("RepeatedKFold cannot make 6 folds from 5 rows", error.Message, StringComparison.Ordinal);
    }
}
