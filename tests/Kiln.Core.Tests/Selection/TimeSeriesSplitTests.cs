using Kiln.Core.Data;
using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class TimeSeriesSplitTests
{
    [Theory]
    [InlineData(6, 2, 0)]
    [InlineData(10, 3, 0)]
    [InlineData(50, 5, 2)]
    [InlineData(101, 10, 1)]
    public void Split_AnySize_TrainsOnlyOnEarlierRows(int rows, int folds, int gap)
    {
        var split = new TimeSeriesSplit(folds, gap: gap).Split(SplitData.ForRows(rows)).ToList();

        Assert.Equal(folds, split.Count);
        foreach (var fold in split)
        {
            SplitAssert.StrictlyAscending(fold.Train);
            SplitAssert.StrictlyAscending(fold.Test);
            Assert.NotEmpty(fold.Train);
            Assert.Equal(rows / (folds + 1), fold.Test.Length);
            Assert.Equal(fold.Test[0] - gap, fold.Train[^1] + 1);
        }
        // The test blocks are consecutive and end at the last row.
        Assert.Equal(rows - 1, split[^1].Test[^1]);
        for (var i = 1; i < split.Count; i++)
            Assert.Equal(split[i - 1].Test[^1] + 1, split[i].Test[0]);
    }

    [Fact]
    public void Split_WithTimes_FollowsTimeOrderNotRowOrder()
    {
        // Rows in reverse time order: row 5 is earliest.
        long[] times = [600, 500, 400, 300, 200, 100];

        var split = new TimeSeriesSplit(2).Split(SplitData.ForRows(6).WithTimes(times)).ToList();

        Assert.Equal([4, 5], split[0].Train);
        Assert.Equal([2, 3], split[0].Test);
        Assert.Equal([2, 3, 4, 5], split[1].Train);
        Assert.Equal([0, 1], split[1].Test);
    }

    [Fact]
    public void Split_DateTimeColumn_OrdersByInstant()
    {
        var column = new DateTimeColumn("at", [new DateTime(2024, 3, 1), new DateTime(2024, 1, 1), new DateTime(2024, 2, 1)]);

        var data = SplitData.ForRows(3).WithTimes(column);

        Assert.Equal([1, 2, 0], data.TimeOrder.ToArray());
    }

    [Fact]
    public void Split_MaxTrainSize_KeepsLatestRows()
    {
        var split = new TimeSeriesSplit(2, testSize: 2, maxTrainSize: 3).Split(SplitData.ForRows(10)).ToList();

        Assert.Equal([3, 4, 5], split[0].Train);
        Assert.Equal([6, 7], split[0].Test);
        Assert.Equal([5, 6, 7], split[1].Train);
        Assert.Equal([8, 9], split[1].Test);
    }

    [Fact]
    public void Split_TooManyFolds_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimeSeriesSplit(5).Split(SplitData.ForRows(5)));

        Assert.Contains("6 blocks", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 4 folds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_GapLeavesNoTrainRows_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimeSeriesSplit(3, testSize: 3, gap: 1).Split(SplitData.ForRows(10)));

        Assert.Contains("no rows would be left to train", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeGap_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeSeriesSplit(3, gap: -1));
    }
}
