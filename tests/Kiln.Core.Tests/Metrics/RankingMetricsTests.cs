using Kiln.Core.Metrics;

namespace Kiln.Core.Tests.Metrics;

public sealed class RankingMetricsTests
{
    [Fact]
    public void AveragePrecision_TiedScores_IsNotInterpolated()
    {
        // One threshold holds two positives and a negative: AP = 1 × 2/3. scikit-learn gives 0.6666666666666666;
        // a trapezoid under the precision-recall curve would give more.
        var averagePrecision = RankingMetrics.AveragePrecision([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.1], positiveClass: 1);

        Assert.Equal(0.6666666666666666, averagePrecision, 1e-15);
    }

    [Fact]
    public void RocAuc_TiedScores_CountHalf()
    {
        // scikit-learn: roc_auc_score([1,0,1,0], [.5,.5,.5,.1]) = 0.75
        var area = RankingMetrics.RocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.1], positiveClass: 1);

        Assert.Equal(0.75, area, 1e-15);
    }

    [Theory, InlineData(1ul), InlineData(2ul), InlineData(3ul)]
    public void RocAucAndAveragePrecision_RowsShuffled_Unchanged(ulong seed)
    {
        // Scores on a coarse grid tie often; ties are one threshold, so row order must not matter.
        var random = new KilnRandom(seed);
        var count = 200;
        var trueClasses = new int[count];
        var scores = new double[count];
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            trueClasses[i] = random.NextDouble() < 0.4 ? 1 : 0;
            scores[i] = Math.Round(random.NextDouble() * 10) / 10;
            weights[i] = 0.5 + Math.Round(random.NextDouble() * 4) / 2;
        }
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(random.NextDouble() * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        var shuffledClasses = order.Select(i => trueClasses[i]).ToArray();
        var shuffledScores = order.Select(i => scores[i]).ToArray();
        var shuffledWeights = order.Select(i => weights[i]).ToArray();

        Assert.Equal(RankingMetrics.RocAuc(trueClasses, scores, 1), RankingMetrics.RocAuc(shuffledClasses, shuffledScores, 1), 1e-12);
        Assert.Equal(RankingMetrics.AveragePrecision(trueClasses, scores, 1, weights), RankingMetrics.AveragePrecision(shuffledClasses, shuffledScores, 1, shuffledWeights), 1e-12);
    }

    [Fact]
    public void RocAuc_OneClassInTruth_ThrowsUndefined()
    {
        var exception = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([1, 1, 1], [0.2, 0.5, 0.9], positiveClass: 1));

        Assert.Contains("only one class is present", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RocAuc_EveryNegativeHasWeightZero_ThrowsUndefined()
    {
        var exception = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([0, 1, 1], [0.2, 0.5, 0.9], positiveClass: 1, [0.0, 1.0, 1.0]));

        Assert.Contains("weight 0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RocAuc_NonFiniteScore_ThrowsNamingRow()
    {
        var exception = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([0, 1], [0.2, double.NaN], positiveClass: 1));

        Assert.Contains("Row 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AveragePrecision_NoPositives_IsZero()
    {
        // scikit-learn returns 0 (with a warning) when y_true has no positive.
        var averagePrecision = RankingMetrics.AveragePrecision([0, 0, 0], [0.1, 0.2, 0.3], positiveClass: 1);

        Assert.Equal(0.0, averagePrecision);
    }

    [Fact]
    public void RocAucOneVsRest_RowNotSummingToOne_Throws()
    {
        double[] probabilities = [0.5, 0.5, 0.0, 0.2, 0.2, 0.2, 0.1, 0.1, 0.8];

        var exception = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAucOneVsRest([0, 1, 2], probabilities, classCount: 3));

        Assert.Contains("row 1 sums to 0.6", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RocAucOneVsRest_ClassWithoutTrueRows_ThrowsNamingClass()
    {
        double[] probabilities = [0.5, 0.3, 0.2, 0.2, 0.6, 0.2, 0.4, 0.4, 0.2];

        var exception = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAucOneVsRest([0, 1, 0], probabilities, classCount: 3));

        Assert.Contains("class code 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RocAucOneVsOne_Micro_Throws()
    {
        double[] probabilities = [0.5, 0.3, 0.2, 0.2, 0.6, 0.2, 0.2, 0.2, 0.6];

        Assert.Throws<ArgumentException>(() => RankingMetrics.RocAucOneVsOne([0, 1, 2], probabilities, classCount: 3, MetricAverage.Micro));
    }

    [Fact]
    public void RocAucOneVsOne_PerfectRanking_IsOne()
    {
        double[] probabilities = [0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.7, 0.2, 0.1];

        var area = RankingMetrics.RocAucOneVsOne([0, 1, 2, 0], probabilities, classCount: 3, MetricAverage.Weighted);

        Assert.Equal(1.0, area);
    }
}
