namespace Kiln.Core.Learners.Boosting;

// Least absolute deviation: the prior is the median, the trees fit sign(y − F) (−1 on a tie), and a leaf takes the
// weighted median of its rows' residuals y − F. The loss is the weighted mean absolute error.
internal sealed class AbsoluteErrorLoss : BoostingLoss
{
    public override void Prior(ReadOnlySpan<double> targets, double[]? weights, Span<double> raw) =>
        raw[0] = TargetPercentile(targets, weights, 50.0);

    public override void NegativeGradient(int k, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, Span<double> residuals)
    {
        for (var row = 0; row < residuals.Length; row++)
            residuals[row] = targets[row] - raw[row] > 0 ? 1.0 : -1.0;
    }

    public override double LeafValue(int k, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights) =>
        ResidualPercentile(rows, targets, raw, weights, 50);

    public override double Evaluate(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var row in rows)
            sum += weights[row] * Math.Abs(targets[row] - raw[row]);
        return 1 / WeightSum(rows, weights) * sum;
    }
}
