using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class KFoldTests
{
    public static TheoryData<ulong, int, int> Cases()
    {
        var data = new TheoryData<ulong, int, int>();
        foreach (var seed in new ulong[] { 0, 1, 7, 42, 12345 })
        {
            foreach (var (rows, folds) in new[] { (2, 2), (3, 2), (3, 3), (5, 2), (7, 3), (10, 10), (11, 5), (50, 7), (101, 10), (1000, 3) })
                data.Add(seed, rows, folds);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_Shuffled_EveryRowTestedOnceAndTrainIsTheRest(ulong seed, int rows, int folds)
    {
        var split = new KFold(folds, shuffle: true, seed).Split(SplitData.ForRows(rows)).ToList();

        SplitAssert.IsPartitionPerRepeat(rows, split, folds, repeats: 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_Shuffled_FirstFoldsTakeTheRemainder(ulong seed, int rows, int folds)
    {
        var split = new KFold(folds, shuffle: true, seed).Split(SplitData.ForRows(rows)).ToList();

        // scikit-learn's KFold: the first n mod k folds have one row more than the others.
        var expected = Enumerable.Range(0, folds).Select(fold => (rows / folds) + (fold < rows % folds ? 1 : 0));
        Assert.Equal(expected, split.Select(fold => fold.Test.Length));
        SplitAssert.SizesWithinOne(split);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_SameSeed_GivesSameFolds(ulong seed, int rows, int folds)
    {
        var first = new KFold(folds, shuffle: true, seed).Split(SplitData.ForRows(rows));
        var second = new KFold(folds, shuffle: true, seed).Split(SplitData.ForRows(rows));

        Assert.Equal(SplitAssert.TestFolds(first), SplitAssert.TestFolds(second));
    }

    [Theory]
    [InlineData(20, 2)]
    [InlineData(30, 5)]
    [InlineData(200, 10)]
    public void Split_DifferentSeeds_GiveDifferentFolds(int rows, int folds)
    {
        var splits = Enumerable.Range(0, 10)
            .Select(seed => SplitAssert.TestFolds(new KFold(folds, shuffle: true, (ulong)seed).Split(SplitData.ForRows(rows))))
            .ToList();

        // Ten seeds, ten different assignments (with 20+ rows a collision has probability below 1e-5).
        for (var i = 0; i < splits.Count; i++)
        {
            for (var j = i + 1; j < splits.Count; j++)
                Assert.False(splits[i].Zip(splits[j]).All(pair => pair.First.SequenceEqual(pair.Second)), $"seeds {i} and {j} gave the same folds");
        }
    }

    [Fact]
    public void Split_NotShuffled_GivesConsecutiveBlocks()
    {
        var split = new KFold(3, shuffle: false).Split(SplitData.ForRows(8)).ToList();

        Assert.Equal([0, 1, 2], split[0].Test);
        Assert.Equal([3, 4, 5], split[1].Test);
        Assert.Equal([6, 7], split[2].Test);
        Assert.Equal([0, 1, 2, 3, 4, 5], split[2].Train);
    }

    [Fact]
    public void Split_NotShuffled_IgnoresSeed()
    {
        var first = new KFold(4, shuffle: false, seed: 1).Split(SplitData.ForRows(13));
        var second = new KFold(4, shuffle: false, seed: 2).Split(SplitData.ForRows(13));

        Assert.Equal(SplitAssert.TestFolds(first), SplitAssert.TestFolds(second));
    }

    [Fact]
    public void Split_EnumeratedTwice_GivesSameFolds()
    {
        var split = new KFold(5, seed: 3).Split(SplitData.ForRows(23));

        Assert.Equal(SplitAssert.TestFolds(split), SplitAssert.TestFolds(split));
    }

    [Fact]
    public void Split_Default_FiveShuffledFolds()
    {
        var splitter = new KFold();

        Assert.Equal(5, splitter.FoldCount);
        Assert.True(splitter.Shuffle);
        Assert.Equal(0UL, splitter.Seed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_FewerThanTwoFolds_Throws(int folds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(folds));

        Assert.Contains("at least 2 folds", error.Message, StringComparison.Ordinal);
        Assert.Contains($"got {folds}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_MoreFoldsThanRows_ThrowsNamingCounts()
    {
        var splitter = new KFold(5);

        var error = Assert.Throws<ArgumentException>(() => splitter.Split(SplitData.ForRows(4)));

        Assert.Contains("5 folds from 4 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 4 folds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_IgnoresClassesAndGroups()
    {
        var classes = SplitTestData.Classes(30, 3, 5, seed: 1);
        var plain = new KFold(3, seed: 9).Split(SplitData.ForRows(30));
        var withClasses = new KFold(3, seed: 9).Split(SplitData.ForClasses(classes).WithGroups(SplitTestData.Groups(30, 6, seed: 2)));

        Assert.True(SplitAssert.SameTestFolds(plain, withClasses));
    }
}
