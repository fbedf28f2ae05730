namespace Kiln.Core.Learners.Boosting;

// Least squares: the prior is the (weighted) mean, the trees fit the residuals y − F, and a leaf keeps the tree's own
// value, the weighted mean residual. The loss is the weighted mean squared error.
internal sealed class SquaredErrorLoss : BoostingLoss
{
    public override bool KeepsTreeValues => true;

    public override void Prior(ReadOnlySpan<double> targets, double[]? weights, Span<double> raw) =>
        raw[0] = Baseline.TargetStatistics.Mean(targets, weights);

    public override void NegativeGradient(int k, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, Span<double> residuals)
    {
        for (var row = 0; row < residuals.Length; row++)
            residuals[row] = targets[row] - raw[row];
    }

    public override double LeafValue(int k, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var row in rows)
            sum += weights[row] * residuals[row];
        return sum / WeightSum(rows, weights);
    }

    public override double Evaluate(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var row in rows)
        {
            var difference = targets[row] - raw[row];
            sum += weights[row] * difference * difference;
        }
        return 1 / WeightSum(rows, weights) * sum;
    }
}
