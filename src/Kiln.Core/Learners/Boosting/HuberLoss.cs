namespace Kiln.Core.Learners.Boosting;

// Huber's M-regression as boosted by Friedman (2001) and scikit-learn: each stage sets the threshold γ to the weighted
// alpha-quantile of |y − F| over all the fit rows, the trees fit the residual clipped to ±γ, and a leaf takes the median
// residual m plus the plain mean of sign(r − m)·min(|r − m|, γ) over its rows. The loss uses the current stage's γ.
internal sealed class HuberLoss(double alpha) : BoostingLoss
{
    private double _gamma = double.NaN;

    public override void Prior(ReadOnlySpan<double> targets, double[]? weights, Span<double> raw) =>
        raw[0] = TargetPercentile(targets, weights, 50.0);

    public override void NegativeGradient(int k, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, Span<double> residuals)
    {
        var sizes = new double[residuals.Length];
        for (var row = 0; row < sizes.Length; row++)
            sizes[row] = Math.Abs(targets[row] - raw[row]);
        var gamma = Baseline.TargetStatistics.WeightedPercentile(sizes, weights, alpha * 100);
        for (var row = 0; row < residuals.Length; row++)
        {
            var difference = targets[row] - raw[row];
            residuals[row] = sizes[row] <= gamma ? difference : gamma * Math.Sign(difference);
        }
        _gamma = gamma;
    }

    public override double LeafValue(int k, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights)
    {
        var median = ResidualPercentile(rows, targets, raw, weights, 50);
        var sum = 0.0;
        foreach (var row in rows)
        {
            var deviation = targets[row] - raw[row] - median;
            sum += Math.Sign(deviation) * Math.Min(Math.Abs(deviation), _gamma);
        }
        return median + (sum / rows.Length);
    }

    public override double Evaluate(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights)
    {
        var gamma = _gamma;
        var squared = 0.0;
        var linear = 0.0;
        foreach (var row in rows)
        {
            var difference = targets[row] - raw[row];
            if (Math.Abs(difference) <= gamma)
                squared += 0.5 * weights[row] * difference * difference;
            else
                linear += gamma * weights[row] * (Math.Abs(difference) - (gamma / 2));
        }
        return (squared + linear) / WeightSum(rows, weights);
    }
}
