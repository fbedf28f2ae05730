using Kiln.Core.Profiling;

namespace Kiln.Core.Tests.Profiling;

public sealed class IntervalRuleTests
{
    [Fact]
    public void CorrectCount_SeparableClassesOnManyRows_AreFoundThroughTheBins()
    {
        // 40,000 rows are more than IntervalRule.MaxBins distinct values, so the split search runs over bins of about ten rows:
        // a class boundary inside a bin costs at most that bin's minority, and twelve perfectly separated classes score ≥ 0.999.
        const int Rows = 40_000;
        var random = new KilnRandom(6);
        var values = new double[Rows];
        var classes = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            classes[i] = random.NextInt32(12);
            values[i] = classes[i] + (0.1 * random.NextDouble());
        }
        Array.Sort(values, classes);

        var correct = IntervalRule.CorrectCount(values, classes, classCount: 12, maxLeaves: 20, minLeafRows: 5);

        Assert.True(correct >= 0.999 * Rows, $"{correct} of {Rows} rows right.");
    }

    [Fact]
    public void CorrectCount_FewRows_RespectsTheMinimumIntervalSize()
    {
        // Classes alternate in pairs; intervals of at least 5 rows cannot follow them, so the rule can do no better than the majority.
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        int[] classes = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0];

        Assert.Equal(6, IntervalRule.CorrectCount(values, classes, classCount: 2, maxLeaves: 20, minLeafRows: 5));
        Assert.Equal(10, IntervalRule.CorrectCount(values, classes, classCount: 2, maxLeaves: 20, minLeafRows: 1));
    }

    [Fact]
    public void CorrectCount_TiedValues_AreNeverSplit()
    {
        // Rows 0-3 share one value but hold two classes: no interval boundary can separate them.
        double[] values = [1, 1, 1, 1, 2, 2, 2, 2];
        int[] classes = [0, 0, 1, 1, 1, 1, 1, 1];

        Assert.Equal(6, IntervalRule.CorrectCount(values, classes, classCount: 2, maxLeaves: 20, minLeafRows: 1));
    }

    [Fact]
    public void BetweenSquares_StepFunction_ExplainsAllVariation()
    {
        double[] values = [1, 2, 3, 4, 5, 6];
        double[] centred = [-1, -1, -1, 1, 1, 1];

        Assert.Equal(6.0, IntervalRule.BetweenSquares(values, centred, maxLeaves: 20, minLeafRows: 1, tolerance: 1e-12));
        Assert.Equal(0.0, IntervalRule.BetweenSquares(values, centred, maxLeaves: 1, minLeafRows: 1, tolerance: 1e-12));
    }
}
