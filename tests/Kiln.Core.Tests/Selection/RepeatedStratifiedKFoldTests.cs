using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class RepeatedStratifiedKFoldTests
{
    [Theory]
    [InlineData(0UL, 6, 2, 2, 3)]
    [InlineData(5UL, 31, 3, 3, 4)]
    [InlineData(42UL, 120, 4, 5, 5)]
    [InlineData(77UL, 200, 6, 10, 2)]
    public void Split_EachRepeat_IsAPartitionWithStratifiedFolds(ulong seed, int rows, int classCount, int folds, int repeats)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: folds, seed);

        var split = new RepeatedStratifiedKFold(folds, repeats, seed).Split(SplitData.ForClasses(classes)).ToList();

        SplitAssert.IsPartitionPerRepeat(rows, split, folds, repeats);
        SplitAssert.SizesWithinOne(split);
        SplitAssert.ClassCountsWithinOne(classes, split, folds);
    }

    [Fact]
    public void Split_RepeatR_IsStratifiedKFoldWithDerivedSeed()
    {
        var classes = SplitTestData.Classes(45, 3, 5, seed: 2);

        var split = new RepeatedStratifiedKFold(5, 3, seed: 11).Split(SplitData.ForClasses(classes)).ToList();

        for (var repeat = 0; repeat < 3; repeat++)
        {
            var expected = new StratifiedKFold(5, shuffle: true, Seeds.Derive(11, repeat)).Split(SplitData.ForClasses(classes));
            Assert.Equal(SplitAssert.TestFolds(expected), SplitAssert.TestFolds(split.Where(fold => fold.Repeat == repeat)));
        }
    }

    [Fact]
    public void Split_Repeats_DifferFromEachOther()
    {
        var classes = SplitTestData.Classes(60, 2, 10, seed: 3);

        var split = new RepeatedStratifiedKFold(3, 5, seed: 1).Split(SplitData.ForClasses(classes)).ToList();

        var repeats = split.GroupBy(fold => fold.Repeat).Select(group => group.ToList()).ToList();
        for (var i = 0; i < repeats.Count; i++)
        {
            for (var j = i + 1; j < repeats.Count; j++)
                Assert.False(SplitAssert.SameTestFolds(repeats[i], repeats[j]), $"repeats {i} and {j} are the same");
        }
    }

    [Fact]
    public void Split_SmallClass_ThrowsNamingTheRepeatedSplitter()
    {
        var error = Assert.Throws<ArgumentException>(() => new RepeatedStratifiedKFold(3).Split(SplitData.ForClasses([0, 0, 0, 1, 1, 0])));

        Assert.StartsWith("RepeatedStratifiedKFold", error.Message, StringComparison.Ordinal);
        Assert.Contains("has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_SmallClassAllowed_Splits()
    {
        var split = new RepeatedStratifiedKFold(3, 2, allowSmallClasses: true).Split(SplitData.ForClasses([0, 0, 0, 1, 1, 0])).ToList();

        SplitAssert.IsPartitionPerRepeat(6, split, 3, 2);
    }
}
