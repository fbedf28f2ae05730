namespace Kiln.Core.Metrics;

/// <summary>
/// Cumulative true and false positives at each distinct score, from the highest score down: the points every ROC and
/// precision-recall computation starts from (scikit-learn's <c>_binary_clf_curve</c>).
/// </summary>
/// <remarks>
/// Rows of weight 0 are dropped first, as scikit-learn does. Rows are visited in the order of a stable ascending sort
/// reversed, the order scikit-learn's <c>argsort(kind="mergesort")[::-1]</c> gives, so the weighted running sums add
/// the same numbers in the same order. Tied scores form one point: ties are never broken by row order.
/// </remarks>
internal sealed class BinaryCurve
{
    private BinaryCurve(double[] falsePositives, double[] truePositives, int pointCount)
    {
        FalsePositives = falsePositives;
        TruePositives = truePositives;
        PointCount = pointCount;
    }

    /// <summary>The number of distinct scores (points on the curve, without the origin).</summary>
    public int PointCount { get; }

    /// <summary>Cumulative (weighted) false positives at each point; the last is the total negative weight.</summary>
    public double[] FalsePositives { get; }

    /// <summary>Cumulative (weighted) true positives at each point; the last is the total positive weight.</summary>
    public double[] TruePositives { get; }

    public double TotalNegative => FalsePositives[PointCount - 1];

    public double TotalPositive => TruePositives[PointCount - 1];

    /// <summary>Builds the curve; <paramref name="weights"/> is empty for unweighted rows.</summary>
    public static BinaryCurve Build(ReadOnlySpan<bool> isPositive, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights)
    {
        var isWeighted = !weights.IsEmpty;
        var keptCount = 0;
        for (var row = 0; row < scores.Length; row++)
        {
            if (!isWeighted || weights[row] != 0)
                keptCount++;
        }
        var keys = new double[keptCount];
        var order = new int[keptCount];
        var kept = 0;
        for (var row = 0; row < scores.Length; row++)
        {
            if (isWeighted && weights[row] == 0)
                continue;
            keys[kept] = scores[row];
            order[kept] = row;
            kept++;
        }
        SortStable(keys, order);

        var falsePositives = new double[keptCount];
        var truePositives = new double[keptCount];
        var pointCount = 0;
        var truePositive = 0.0;
        var falsePositive = 0.0;
        // Walk from the highest score down: the reverse of the stable ascending order.
        for (var position = keptCount - 1; position >= 0; position--)
        {
            var row = order[position];
            var weight = isWeighted ? weights[row] : 1.0;
            if (isPositive[row])
                truePositive += weight;
            else
                falsePositive += weight;
            if (position == 0 || keys[position - 1] != keys[position])
            {
                falsePositives[pointCount] = falsePositive;
                truePositives[pointCount] = truePositive;
                pointCount++;
            }
        }
        return new BinaryCurve(falsePositives, truePositives, pointCount);
    }

    /// <summary>The area under the ROC curve by the trapezoidal rule, from (0, 0) through every point.</summary>
    public double RocArea()
    {
        var totalNegative = TotalNegative;
        var totalPositive = TotalPositive;
        var area = 0.0;
        var previousFalseRate = 0.0;
        var previousTrueRate = 0.0;
        for (var i = 0; i < PointCount; i++)
        {
            var falseRate = FalsePositives[i] / totalNegative;
            var trueRate = TruePositives[i] / totalPositive;
            area += (falseRate - previousFalseRate) * (trueRate + previousTrueRate) / 2.0;
            previousFalseRate = falseRate;
            previousTrueRate = trueRate;
        }
        return area;
    }

    /// <summary>
    /// Σ (Rₙ − Rₙ₋₁) Pₙ over the points, without interpolation (scikit-learn's <c>average_precision_score</c>);
    /// 0 when there are no positives, as scikit-learn returns.
    /// </summary>
    public double AveragePrecision()
    {
        var totalPositive = TotalPositive;
        if (totalPositive == 0)
            return 0.0;
        var sum = 0.0;
        var previousRecall = 0.0;
        for (var i = 0; i < PointCount; i++)
        {
            var predictedPositive = TruePositives[i] + FalsePositives[i];
            var precision = predictedPositive == 0 ? 0.0 : TruePositives[i] / predictedPositive;
            var recall = TruePositives[i] / totalPositive;
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return sum;
    }

    /// <summary>Sorts <paramref name="keys"/> ascending, carrying <paramref name="order"/>, with equal keys kept in ascending row order.</summary>
    private static void SortStable(double[] keys, int[] order)
    {
        // The indices start ascending; Array.Sort is not stable, so restore index order inside each run of equal keys.
        Array.Sort(keys, order);
        var start = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i] != keys[start])
            {
                if (i - start > 1)
                    Array.Sort(order, start, i - start);
                start = i;
            }
        }
    }
}
