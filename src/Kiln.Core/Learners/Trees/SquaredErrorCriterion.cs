namespace Kiln.Core.Learners.Trees;

// Weighted variance of the target. The proxy is scikit-learn's: sL²/wL + sR²/wR, where sL and sR are the weighted target
// sums of each side (the children's weighted variance is Σwy² minus it). A node's impurity takes two passes (mean, then
// squared deviations) rather than Σwy²/w − mean², so a pure node has impurity 0, not rounding noise.
internal struct SquaredErrorCriterion : ISplitCriterion
{
    private readonly double[] _targets;
    private double _sumTotal;
    private double _sumLeft;

    public SquaredErrorCriterion(double[] targets)
    {
        _targets = targets;
    }

    public readonly int Width => 1;

    public readonly double Summarize(ReadOnlySpan<int> rows, ReadOnlySpan<double> weights, Span<double> totals, out double weight)
    {
        var targets = _targets;
        var sum = 0.0;
        var weightSum = 0.0;
        foreach (var row in rows)
        {
            var w = weights[row];
            sum += w * targets[row];
            weightSum += w;
        }
        var mean = sum / weightSum;
        var squares = 0.0;
        foreach (var row in rows)
        {
            var deviation = targets[row] - mean;
            squares += weights[row] * deviation * deviation;
        }
        totals[0] = sum;
        weight = weightSum;
        return squares / weightSum;
    }

    public void BeginScan(ReadOnlySpan<double> totals)
    {
        _sumTotal = totals[0];
        _sumLeft = 0;
    }

    public void MoveLeft(int row, double weight) => _sumLeft += weight * _targets[row];

    public readonly double Proxy(double weightLeft, double weightRight)
    {
        var sumRight = _sumTotal - _sumLeft;
        return (_sumLeft * _sumLeft / weightLeft) + (sumRight * sumRight / weightRight);
    }
}
