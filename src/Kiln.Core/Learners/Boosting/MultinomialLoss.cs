namespace Kiln.Core.Learners.Boosting;

// The log loss of K ≥ 3 classes with K trees per stage: F_k are the class scores, probabilities their softmax, the prior
// the log of each class's (weighted) share clipped to [ε, 1 − ε], tree k fits 1{y = k} − p_k, and a leaf takes the
// Newton step (K − 1)/K · Σw·r / Σw·p_k(1 − p_k) (Friedman, 2001, algorithm 6). Evaluate gives the weighted mean log loss.
internal sealed class MultinomialLoss(int classCount) : BoostingLoss
{
    public override int TreesPerStage => classCount;

    public override void Prior(ReadOnlySpan<double> targets, double[]? weights, Span<double> raw)
    {
        var shares = new double[classCount];
        var total = 0.0;
        for (var row = 0; row < targets.Length; row++)
        {
            var weight = weights?[row] ?? 1.0;
            total += weight;
            shares[(int)targets[row]] += weight;
        }
        for (var k = 0; k < classCount; k++)
            raw[k] = Math.Log(Math.Clamp(shares[k] / total, ClassPriors.Epsilon, 1 - ClassPriors.Epsilon));
    }

    public override void NegativeGradient(int k, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, Span<double> residuals)
    {
        for (var row = 0; row < residuals.Length; row++)
        {
            var scores = raw.Slice(row * classCount, classCount);
            var indicator = targets[row] == k ? 1.0 : 0.0;
            residuals[row] = indicator - Math.Exp(scores[k] - ClassPriors.LogSumExp(scores));
        }
    }

    public override double LeafValue(int k, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights)
    {
        var numerator = 0.0;
        var denominator = 0.0;
        foreach (var row in rows)
        {
            var y = targets[row] == k ? 1.0 : 0.0;
            var residual = residuals[row];
            numerator += weights[row] * residual;
            denominator += weights[row] * (y - residual) * (1 - y + residual);
        }
        numerator *= (classCount - 1) / (double)classCount;
        return Math.Abs(denominator) < 1e-150 ? 0.0 : numerator / denominator;
    }

    public override double Evaluate(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var row in rows)
        {
            var scores = raw.Slice(row * classCount, classCount);
            sum += weights[row] * (ClassPriors.LogSumExp(scores) - scores[(int)targets[row]]);
        }
        return sum / WeightSum(rows, weights);
    }
}
