using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

/// <summary>Invariants every k-fold split must hold, checked independently of the splitters' code.</summary>
internal static class SplitAssert
{
    /// <summary>Each repeat's test folds partition the rows; each fold's train and test are disjoint, ascending and cover every row.</summary>
    public static void IsPartitionPerRepeat(int rowCount, IReadOnlyList<Fold> folds, int foldsPerRepeat, int repeats)
    {
        Assert.Equal(foldsPerRepeat * repeats, folds.Count);
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var timesTested = new int[rowCount];
            for (var index = 0; index < foldsPerRepeat; index++)
            {
                var fold = folds[(repeat * foldsPerRepeat) + index];
                Assert.Equal(index, fold.Index);
                Assert.Equal(repeat, fold.Repeat);
                StrictlyAscending(fold.Train);
                StrictlyAscending(fold.Test);
                Assert.NotEmpty(fold.Test);
                Assert.Equal(Enumerable.Range(0, rowCount), fold.Train.Concat(fold.Test).Order());
                foreach (var row in fold.Test)
                    timesTested[row]++;
            }
            Assert.All(timesTested, count => Assert.Equal(1, count));
        }
    }

    /// <summary>Within each repeat, test fold sizes differ by at most one.</summary>
    public static void SizesWithinOne(IReadOnlyList<Fold> folds)
    {
        foreach (var repeat in folds.GroupBy(fold => fold.Repeat))
        {
            var sizes = repeat.Select(fold => fold.Test.Length).ToList();
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"repeat {repeat.Key}: test sizes {string.Join(", ", sizes)}");
        }
    }

    /// <summary>Every fold's test part holds ⌊n_c / k⌋ or ⌈n_c / k⌉ rows of every class c.</summary>
    public static void ClassCountsWithinOne(int[] classCodes, IReadOnlyList<Fold> folds, int foldsPerRepeat)
    {
        var classSizes = classCodes.CountBy(code => code).ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var fold in folds)
        {
            foreach (var (code, size) in classSizes)
            {
                var count = fold.Test.Count(row => classCodes[row] == code);
                // count is floor or ceil of size / k exactly when |count·k − size| < k.
                Assert.True(Math.Abs((count * foldsPerRepeat) - size) < foldsPerRepeat,
                    $"fold {fold.Index} of repeat {fold.Repeat}: class {code} has {count} test rows; {size} rows over {foldsPerRepeat} folds allow {size / foldsPerRepeat} or {(size + foldsPerRepeat - 1) / foldsPerRepeat}");
            }
        }
    }

    public static void StrictlyAscending(int[] rows)
    {
        for (var i = 1; i < rows.Length; i++)
            Assert.True(rows[i - 1] < rows[i], $"rows not strictly ascending at {i}: {rows[i - 1]}, {rows[i]}");
    }

    /// <summary>The test folds, for comparing two splits.</summary>
    public static int[][] TestFolds(IEnumerable<Fold> folds) => [.. folds.Select(fold => fold.Test)];

    public static bool SameTestFolds(IEnumerable<Fold> first, IEnumerable<Fold> second) =>
        TestFolds(first).Zip(TestFolds(second)).All(pair => pair.First.SequenceEqual(pair.Second));
}
