namespace Kiln.Core.Learners.Boosting;

// Quantile regression with the pinball loss: the prior is the alpha-quantile of the target, the trees fit alpha where
// y > F and −(1 − alpha) elsewhere, and a leaf takes the weighted alpha-quantile of its rows' residuals y − F.
internal sealed class QuantileLoss(double alpha) : BoostingLoss
{
    public override void Prior(ReadOnlySpan<double> targets, double[]? weights, Span<double> raw) =>
        raw[0] = TargetPercentile(targets, weights, alpha * 100.0);

    public override void NegativeGradient(int k, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, Span<double> residuals)
    {
        for (var row = 0; row < residuals.Length; row++)
            residuals[row] = targets[row] > raw[row] ? alpha : -(1 - alpha);
    }

    public override double LeafValue(int k, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights) =>
        ResidualPercentile(rows, targets, raw, weights, alpha * 100);

    public override double Evaluate(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights)
    {
        var above = 0.0;
        var below = 0.0;
        foreach (var row in rows)
        {
            var difference = targets[row] - raw[row];
            if (targets[row] > raw[row])
                above += weights[row] * difference;
            else
                below += weights[row] * difference;
        }
        return ((alpha * above) - ((1 - alpha) * below)) / WeightSum(rows, weights);
    }
}
