using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class GroupKFoldTests
{
    public static TheoryData<ulong, int, int, int> Cases()
    {
        var data = new TheoryData<ulong, int, int, int>();
        foreach (var seed in new ulong[] { 1, 2, 3, 42 })
        {
            foreach (var (rows, groups, folds) in new[] { (2, 2, 2), (5, 3, 3), (10, 10, 5), (40, 7, 3), (100, 20, 5), (300, 12, 10) })
                data.Add(seed, rows, groups, folds);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_AnyGroups_EveryRowTestedOnce(ulong seed, int rows, int groupCount, int folds)
    {
        var groups = SplitTestData.Groups(rows, groupCount, seed);

        var split = new GroupKFold(folds).Split(SplitData.ForGroups(groups)).ToList();

        SplitAssert.IsPartitionPerRepeat(rows, split, folds, repeats: 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_AnyGroups_NeverSplitsAGroup(ulong seed, int rows, int groupCount, int folds)
    {
        var groups = SplitTestData.Groups(rows, groupCount, seed);

        var split = new GroupKFold(folds).Split(SplitData.ForGroups(groups)).ToList();

        foreach (var fold in split)
        {
            var testGroups = fold.Test.Select(row => groups[row]).ToHashSet();
            Assert.DoesNotContain(fold.Train, row => testGroups.Contains(groups[row]));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_AnyGroups_FoldSizesAreGreedyBalanced(ulong seed, int rows, int groupCount, int folds)
    {
        var groups = SplitTestData.Groups(rows, groupCount, seed);

        var sizes = new GroupKFold(folds).Split(SplitData.ForGroups(groups)).Select(fold => fold.Test.Length).ToList();

        // Largest-first into the lightest fold (LPT): folds differ by at most the size of the largest group.
        var largestGroup = groups.CountBy(group => group).Max(pair => pair.Value);
        Assert.True(sizes.Max() - sizes.Min() <= largestGroup, $"sizes {string.Join(", ", sizes)}, largest group {largestGroup}");
    }

    [Fact]
    public void Split_KnownGroups_AssignsLargestFirstToLightestFold()
    {
        // Group sizes: x 4, y 3, z 2, w 1. Folds: x → 0 (4), y → 1 (3), z → 1 (5), w → 0 (5).
        string[] keys = ["y", "x", "z", "x", "w", "y", "x", "z", "y", "x"];

        var split = new GroupKFold(2).Split(SplitData.ForRows(10).WithGroups(keys)).ToList();

        Assert.Equal([1, 3, 4, 6, 9], split[0].Test);
        Assert.Equal([0, 2, 5, 7, 8], split[1].Test);
    }

    [Fact]
    public void Split_FewerGroupsThanFolds_ThrowsNamingCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => new GroupKFold(4).Split(SplitData.ForGroups([1, 1, 2, 2, 3, 3, 3])));

        Assert.Contains("4 folds from 3 groups (7 rows)", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 3 folds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_NoGroups_ThrowsSayingWhatIsNeeded()
    {
        var error = Assert.Throws<ArgumentException>(() => new GroupKFold(2).Split(SplitData.ForRows(8)));

        Assert.Contains("WithGroups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_Twice_GivesSameFolds()
    {
        var groups = SplitTestData.Groups(50, 9, seed: 4);

        var first = new GroupKFold(3).Split(SplitData.ForGroups(groups));
        var second = new GroupKFold(3).Split(SplitData.ForGroups(groups));

        Assert.Equal(SplitAssert.TestFolds(first), SplitAssert.TestFolds(second));
    }
}
