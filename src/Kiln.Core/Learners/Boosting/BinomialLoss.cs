namespace Kiln.Core.Learners.Boosting;

// The log loss of two classes with one tree per stage: F is the log-odds of class 1, the prior is the log-odds of the
// (weighted) class-1 share clipped to [ε, 1 − ε] with ε float32's epsilon, the trees fit y − σ(F), and a leaf takes one
// Newton step Σw·r / Σw·p(1 − p), with p(1 − p) written (y − r)(1 − y + r) as scikit-learn writes it. Evaluate gives
// scikit-learn's binomial deviance, twice the mean log loss; the curves record the log loss.
internal sealed class BinomialLoss : BoostingLoss
{
    public override double CurveScale => 0.5;

    public override void Prior(ReadOnlySpan<double> targets, double[]? weights, Span<double> raw)
    {
        var positive = 0.0;
        var total = 0.0;
        for (var row = 0; row < targets.Length; row++)
        {
            var weight = weights?[row] ?? 1.0;
            total += weight;
            if (targets[row] == 1)
                positive += weight;
        }
        var share = Math.Clamp(positive / total, ClassPriors.Epsilon, 1 - ClassPriors.Epsilon);
        raw[0] = Math.Log(share / (1 - share));
    }

    public override void NegativeGradient(int k, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, Span<double> residuals)
    {
        for (var row = 0; row < residuals.Length; row++)
            residuals[row] = targets[row] - ClassPriors.Sigmoid(raw[row]);
    }

    public override double LeafValue(int k, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights)
    {
        var numerator = 0.0;
        var denominator = 0.0;
        foreach (var row in rows)
        {
            var y = targets[row];
            var residual = residuals[row];
            numerator += weights[row] * residual;
            denominator += weights[row] * (y - residual) * (1 - y + residual);
        }
        return Math.Abs(denominator) < 1e-150 ? 0.0 : numerator / denominator;
    }

    public override double Evaluate(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var row in rows)
            sum += weights[row] * ((targets[row] * raw[row]) - LogOnePlusExp(raw[row]));
        return -2 / WeightSum(rows, weights) * sum;
    }

    // NumPy's logaddexp(0, x), computed from the larger argument so that it neither overflows nor loses small values.
    private static double LogOnePlusExp(double x) => x switch
    {
        0 => Math.Log(2),
        < 0 => Math.Log(1 + Math.Exp(x)),
        _ => x + Math.Log(1 + Math.Exp(-x)),
    };
}
