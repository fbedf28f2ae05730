using Kiln.Core.Learners;
using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class StratifiedKFoldTests
{
    public static TheoryData<ulong, int, int, int> Cases()
    {
        var data = new TheoryData<ulong, int, int, int>();
        foreach (var seed in new ulong[] { 0, 3, 42, 2024 })
        {
            foreach (var (rows, classes, folds) in new[] { (4, 2, 2), (6, 3, 2), (9, 3, 3), (10, 2, 5), (25, 4, 3), (57, 3, 5), (100, 5, 10), (333, 7, 4) })
                data.Add(seed, rows, classes, folds);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_AnyLabels_EveryRowTestedOnce(ulong seed, int rows, int classCount, int folds)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: folds, seed);

        var split = new StratifiedKFold(folds, shuffle: true, seed).Split(SplitData.ForClasses(classes)).ToList();

        SplitAssert.IsPartitionPerRepeat(rows, split, folds, repeats: 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_AnyLabels_EachFoldHoldsItsShareOfEachClass(ulong seed, int rows, int classCount, int folds)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: folds, seed);

        var split = new StratifiedKFold(folds, shuffle: true, seed).Split(SplitData.ForClasses(classes)).ToList();

        SplitAssert.ClassCountsWithinOne(classes, split, folds);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_AnyLabels_FoldSizesAreKFolds(ulong seed, int rows, int classCount, int folds)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: folds, seed);

        var split = new StratifiedKFold(folds, shuffle: true, seed).Split(SplitData.ForClasses(classes)).ToList();

        // scikit-learn deals the class-sorted rows round robin, so the sizes are KFold's: the first n mod k folds get one more.
        var expected = Enumerable.Range(0, folds).Select(fold => (rows / folds) + (fold < rows % folds ? 1 : 0));
        Assert.Equal(expected, split.Select(fold => fold.Test.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_SameSeed_GivesSameFolds(ulong seed, int rows, int classCount, int folds)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: folds, seed);

        var first = new StratifiedKFold(folds, shuffle: true, seed).Split(SplitData.ForClasses(classes));
        var second = new StratifiedKFold(folds, shuffle: true, seed).Split(SplitData.ForClasses(classes));

        Assert.Equal(SplitAssert.TestFolds(first), SplitAssert.TestFolds(second));
    }

    [Fact]
    public void Split_DifferentSeeds_GiveDifferentFolds()
    {
        var classes = SplitTestData.Classes(60, 3, 10, seed: 5);

        var splits = Enumerable.Range(0, 8)
            .Select(seed => new StratifiedKFold(4, shuffle: true, (ulong)seed).Split(SplitData.ForClasses(classes)).ToList())
            .ToList();

        for (var i = 0; i < splits.Count; i++)
        {
            for (var j = i + 1; j < splits.Count; j++)
                Assert.False(SplitAssert.SameTestFolds(splits[i], splits[j]), $"seeds {i} and {j} gave the same folds");
        }
    }

    [Fact]
    public void Split_NotShuffled_RowsOfAClassFillFoldsInRowOrder()
    {
        // Classes a (6 rows) and b (3 rows), interleaved; 3 folds.
        int[] classes = [0, 0, 1, 0, 0, 1, 0, 0, 1];

        var split = new StratifiedKFold(3, shuffle: false).Split(SplitData.ForClasses(classes)).ToList();

        // Sorted by class: a a a a a a b b b dealt to folds 0 1 2 0 1 2 0 1 2: two a and one b each.
        // a's rows 0 1 3 4 6 7 go to folds 0 0 1 1 2 2; b's rows 2 5 8 to 0 1 2.
        Assert.Equal([0, 1, 2], split[0].Test);
        Assert.Equal([3, 4, 5], split[1].Test);
        Assert.Equal([6, 7, 8], split[2].Test);
    }

    [Fact]
    public void Split_ClassSmallerThanFolds_ThrowsNamingClassAndCount()
    {
        var labels = ClassLabels.FromLabels(["cat", "dog", "cat", "dog", "cat", "dog", "cat", "emu", "dog", "emu"]);

        var error = Assert.Throws<ArgumentException>(() => new StratifiedKFold(3).Split(SplitData.ForClasses(labels)));

        Assert.Contains("class 'emu' has 2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'cat'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Use at most 2 folds", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowSmallClasses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_SingleRowClass_DoesNotSuggestOneFold()
    {
        int[] classes = [0, 0, 0, 1, 0, 0];

        var error = Assert.Throws<ArgumentException>(() => new StratifiedKFold(2).Split(SplitData.ForClasses(classes)));

        Assert.Contains("class with code 1 has 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("at most 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_ClassSmallerThanFoldsAllowed_SplitsWithoutItInSomeFolds()
    {
        int[] classes = [0, 0, 0, 1, 0, 0, 1, 0, 0, 0];

        var split = new StratifiedKFold(3, allowSmallClasses: true, seed: 4).Split(SplitData.ForClasses(classes)).ToList();

        SplitAssert.IsPartitionPerRepeat(10, split, 3, repeats: 1);
        SplitAssert.ClassCountsWithinOne(classes, split, 3);
        Assert.Equal(2, split.Count(fold => fold.Test.Any(row => classes[row] == 1)));
    }

    [Fact]
    public void Split_EveryClassSmallerThanFolds_ThrowsEvenWhenAllowed()
    {
        int[] classes = [0, 1, 2, 0, 1, 2, 0, 1];

        var error = Assert.Throws<ArgumentException>(() => new StratifiedKFold(4, allowSmallClasses: true).Split(SplitData.ForClasses(classes)));

        Assert.Contains("every class has fewer than 4 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_MoreFoldsThanRows_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new StratifiedKFold(5).Split(SplitData.ForClasses([0, 0, 0])));

        Assert.Contains("5 folds from 3 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_NoClasses_ThrowsSayingWhatIsNeeded()
    {
        var error = Assert.Throws<ArgumentException>(() => new StratifiedKFold(2).Split(SplitData.ForRows(10)));

        Assert.Contains("SplitData.ForClasses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_SingleClass_IsPlainKFoldSizes()
    {
        var classes = new int[11];

        var split = new StratifiedKFold(3, seed: 1).Split(SplitData.ForClasses(classes)).ToList();

        Assert.Equal([4, 4, 3], split.Select(fold => fold.Test.Length));
    }

    [Fact]
    public void Split_NonContiguousCodes_StratifiesByEquality()
    {
        int[] classes = [70, 70, 5, 5, 70, 5, 70, 5];

        var split = new StratifiedKFold(2, seed: 8).Split(SplitData.ForClasses(classes)).ToList();

        Assert.All(split, fold => Assert.Equal(2, fold.Test.Count(row => classes[row] == 70)));
    }
}
