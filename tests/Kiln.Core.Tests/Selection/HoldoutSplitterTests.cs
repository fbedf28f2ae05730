using Kiln.Core.Learners;
using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class HoldoutSplitterTests
{
    public static TheoryData<ulong, int> Cases()
    {
        var data = new TheoryData<ulong, int>();
        foreach (var seed in new ulong[] { 0, 1, 9, 42, 31337 })
        {
            foreach (var rows in new[] { 7, 10, 20, 33, 100, 101, 1000 })
                data.Add(seed, rows);
        }
        return data;
    }

    public static TheoryData<ulong, int, int> StratifiedCases()
    {
        var data = new TheoryData<ulong, int, int>();
        foreach (var seed in new ulong[] { 0, 2, 42, 777 })
        {
            foreach (var (rows, classes) in new[] { (12, 2), (20, 3), (57, 4), (150, 3), (401, 7), (1000, 12) })
                data.Add(seed, rows, classes);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_Default_EveryRowInExactlyOnePart(ulong seed, int rows)
    {
        var holdout = new HoldoutSplitter(seed: seed).Split(SplitData.ForRows(rows));

        AssertPartition(rows, holdout);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_Default_SizesWithinOneOfTheirShare(ulong seed, int rows)
    {
        var holdout = new HoldoutSplitter(seed: seed).Split(SplitData.ForRows(rows));

        Assert.True(Math.Abs(holdout.Train.Length - (0.70 * rows)) < 1, $"train {holdout.Train.Length} of {rows}");
        Assert.True(Math.Abs(holdout.Validation.Length - (0.15 * rows)) < 1, $"validation {holdout.Validation.Length} of {rows}");
        Assert.True(Math.Abs(holdout.Test.Length - (0.15 * rows)) < 1, $"test {holdout.Test.Length} of {rows}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_SameSeed_GivesSameParts(ulong seed, int rows)
    {
        var first = new HoldoutSplitter(seed: seed).Split(SplitData.ForRows(rows));
        var second = new HoldoutSplitter(seed: seed).Split(SplitData.ForRows(rows));

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Validation, second.Validation);
        Assert.Equal(first.Test, second.Test);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    public void Split_DifferentSeeds_GiveDifferentParts(int rows)
    {
        var tests = Enumerable.Range(0, 10).Select(seed => new HoldoutSplitter(seed: (ulong)seed).Split(SplitData.ForRows(rows)).Test).ToList();

        Assert.Equal(10, tests.Select(test => string.Join(",", test)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(StratifiedCases))]
    public void SplitStratified_AnyLabels_EveryRowInExactlyOnePart(ulong seed, int rows, int classCount)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: 3, seed);

        var holdout = new HoldoutSplitter(seed: seed).SplitStratified(SplitData.ForClasses(classes));

        AssertPartition(rows, holdout);
    }

    [Theory]
    [MemberData(nameof(StratifiedCases))]
    public void SplitStratified_AnyLabels_SizesEqualUnstratifiedSizes(ulong seed, int rows, int classCount)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: 3, seed);
        var splitter = new HoldoutSplitter(seed: seed);

        var holdout = splitter.SplitStratified(SplitData.ForClasses(classes));

        Assert.Equal(splitter.Sizes(rows), new HoldoutSizes(holdout.Train.Length, holdout.Validation.Length, holdout.Test.Length));
    }

    [Theory]
    [MemberData(nameof(StratifiedCases))]
    public void SplitStratified_AnyLabels_EachPartHoldsItsShareOfEachClass(ulong seed, int rows, int classCount)
    {
        var classes = SplitTestData.Classes(rows, classCount, minimumPerClass: 3, seed);

        var holdout = new HoldoutSplitter(seed: seed).SplitStratified(SplitData.ForClasses(classes));

        AssertClassSharesWithinOne(classes, holdout);
    }

    [Theory]
    [InlineData(0UL, 0.6, 0.2, 0.2)]
    [InlineData(1UL, 0.5, 0.1, 0.4)]
    [InlineData(2UL, 0.8, 0.0, 0.2)]
    [InlineData(3UL, 0.34, 0.33, 0.33)]
    [InlineData(4UL, 0.9, 0.05, 0.05)]
    public void SplitStratified_OtherFractions_EachPartHoldsItsShareOfEachClass(ulong seed, double train, double validation, double test)
    {
        var classes = SplitTestData.Classes(523, 5, minimumPerClass: 3, seed);

        var holdout = new HoldoutSplitter(train, validation, test, seed).SplitStratified(SplitData.ForClasses(classes));

        AssertPartition(523, holdout);
        AssertClassSharesWithinOne(classes, holdout);
    }

    [Fact]
    public void SplitStratified_SameSeed_GivesSamePartsAndDifferentSeedsDiffer()
    {
        var classes = SplitTestData.Classes(90, 3, 3, seed: 6);

        var first = new HoldoutSplitter(seed: 5).SplitStratified(SplitData.ForClasses(classes));
        var again = new HoldoutSplitter(seed: 5).SplitStratified(SplitData.ForClasses(classes));
        var other = new HoldoutSplitter(seed: 6).SplitStratified(SplitData.ForClasses(classes));

        Assert.Equal(first.Test, again.Test);
        Assert.Equal(first.Validation, again.Validation);
        Assert.NotEqual(first.Test, other.Test);
    }

    [Theory]
    [InlineData(100, 70, 15, 15)]
    [InlineData(10, 7, 1, 2)]
    [InlineData(20, 14, 3, 3)]
    [InlineData(7, 4, 1, 2)]
    [InlineData(33, 23, 5, 5)]
    public void Sizes_Default_TestRoundsUpTrainDownValidationGetsTheRest(int rows, int train, int validation, int test)
    {
        Assert.Equal(new HoldoutSizes(train, validation, test), new HoldoutSplitter().Sizes(rows));
    }

    [Fact]
    public void Sizes_FloatingPointNoise_IsNotRoundedUp()
    {
        // 0.07 × 100 is 7.000000000000001 in floating point; the test part is 7 rows, not 8.
        var sizes = HoldoutSplitter.TrainTest(0.07).Sizes(100);

        Assert.Equal(new HoldoutSizes(93, 0, 7), sizes);
    }

    [Fact]
    public void Split_TrainTest_HasEmptyValidation()
    {
        var holdout = HoldoutSplitter.TrainTest(0.25, seed: 3).Split(SplitData.ForRows(10));

        Assert.Equal(7, holdout.Train.Length);
        Assert.Empty(holdout.Validation);
        Assert.Equal(3, holdout.Test.Length);
    }

    [Fact]
    public void Sizes_ValidationWouldBeEmpty_ThrowsWithRemedy()
    {
        var error = Assert.Throws<ArgumentException>(() => new HoldoutSplitter(0.7, 0.05, 0.25).Sizes(10));

        Assert.Contains("validation part would be empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.05 of 10 rows is 0.5 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("validation fraction of 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_TrainWouldBeEmpty_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => HoldoutSplitter.TrainTest(0.9).Sizes(1));

        Assert.Contains("train part would be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_NoRows_ThrowsForEmptyTrain()
    {
        Assert.Throws<ArgumentException>(() => new HoldoutSplitter().Sizes(0));
    }

    [Theory]
    [InlineData(0.7, 0.2, 0.2)]
    [InlineData(0.5, 0.1, 0.3)]
    public void Constructor_FractionsNotSummingToOne_Throws(double train, double validation, double test)
    {
        var error = Assert.Throws<ArgumentException>(() => new HoldoutSplitter(train, validation, test));

        Assert.Contains("must add up to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SumWithinTolerance_IsAccepted()
    {
        var splitter = new HoldoutSplitter(0.7, 0.15, 0.15 + 5e-10);

        Assert.Equal(0.15 + 5e-10, splitter.TestFraction);
    }

    [Fact]
    public void Sizes_FractionsWithRoundingNoise_GiveExactSizes()
    {
        // In floating point 0.1 + 0.05 is 0.15000000000000002 and 1 − 0.7 − 0.15 is 0.15000000000000005.
        var splitter = new HoldoutSplitter(0.7, 0.1 + 0.05, 1 - 0.7 - 0.15);

        Assert.Equal(new HoldoutSizes(70, 15, 15), splitter.Sizes(100));
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.0, "trainFraction")]
    [InlineData(0.0, 0.5, 0.5, "trainFraction")]
    [InlineData(0.5, -0.1, 0.6, "validationFraction")]
    [InlineData(0.5, 0.5, 0.0, "testFraction")]
    [InlineData(double.NaN, 0.5, 0.5, "trainFraction")]
    public void Constructor_FractionOutOfRange_ThrowsNamingIt(double train, double validation, double test, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutSplitter(train, validation, test));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void SplitStratified_ClassWithTooFewRows_ThrowsNamingClassAndCount()
    {
        var labels = ClassLabels.FromLabels([.. Enumerable.Repeat("no", 30), .. Enumerable.Repeat("yes", 10), "maybe", "maybe"]);

        var error = Assert.Throws<ArgumentException>(() => new HoldoutSplitter().SplitStratified(SplitData.ForClasses(labels)));

        Assert.Contains("class 'maybe' has 2 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 3 rows of every class", error.Message, StringComparison.Ordinal);
        Assert.Contains("validation fraction 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitStratified_TrainTestWithTwoRowClass_Splits()
    {
        var classes = new[] { 0, 0, 0, 0, 0, 0, 1, 1 };

        var holdout = HoldoutSplitter.TrainTest(0.5, seed: 1).SplitStratified(SplitData.ForClasses(classes));

        Assert.Single(holdout.Test, row => classes[row] == 1);
        Assert.Single(holdout.Train, row => classes[row] == 1);
    }

    [Fact]
    public void SplitStratified_PartSmallerThanClassCount_Throws()
    {
        var classes = Enumerable.Range(0, 40).Select(row => row % 8).ToArray();

        var error = Assert.Throws<ArgumentException>(() => HoldoutSplitter.TrainTest(0.1).SplitStratified(SplitData.ForClasses(classes)));

        Assert.Contains("test part would have 4 rows, fewer than the 8 classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitByTime_EarliestTrainLatestTest()
    {
        long[] times = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0];

        var holdout = new HoldoutSplitter(0.6, 0.2, 0.2).SplitByTime(SplitData.ForRows(10).WithTimes(times));

        // Time order: rows 9 1 3 5 7 8 | 6 4 | 2 0.
        Assert.Equal([1, 3, 5, 7, 8, 9], holdout.Train);
        Assert.Equal([4, 6], holdout.Validation);
        Assert.Equal([0, 2], holdout.Test);
    }

    [Fact]
    public void SplitByTime_NoTimes_UsesRowOrder()
    {
        var holdout = HoldoutSplitter.TrainTest(0.3).SplitByTime(SplitData.ForRows(10));

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], holdout.Train);
        Assert.Equal([7, 8, 9], holdout.Test);
    }

    private static void AssertPartition(int rows, Holdout holdout)
    {
        SplitAssert.StrictlyAscending(holdout.Train);
        SplitAssert.StrictlyAscending(holdout.Validation);
        SplitAssert.StrictlyAscending(holdout.Test);
        Assert.Equal(Enumerable.Range(0, rows), holdout.Train.Concat(holdout.Validation).Concat(holdout.Test).Order());
    }

    private static void AssertClassSharesWithinOne(int[] classes, Holdout holdout)
    {
        var rows = classes.Length;
        foreach (var part in new[] { holdout.Train, holdout.Validation, holdout.Test })
        {
            foreach (var (code, classSize) in classes.CountBy(code => code))
            {
                var count = part.Count(row => classes[row] == code);
                // The ideal is classSize · partSize / rows; count must be its floor or ceiling: |count · rows − classSize · partSize| < rows.
                var scaled = Math.Abs(((long)count * rows) - ((long)classSize * part.Length));
                Assert.True(scaled < rows, $"class {code}: {count} of {part.Length} rows, ideal {(double)classSize * part.Length / rows}");
            }
        }
    }
}
