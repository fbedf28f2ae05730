namespace Kiln.Core.Learners.Boosting;

// The functions both log losses and the classifier's probabilities share, computed as SciPy computes them.
internal static class ClassPriors
{
    // np.finfo(np.float32).eps: scikit-learn clips prior probabilities to [eps, 1 − eps] before taking logs.
    public const double Epsilon = 1.1920928955078125E-07;

    // scipy.special.expit.
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // scipy.special.logsumexp: the largest score is taken out before exponentiating.
    public static double LogSumExp(ReadOnlySpan<double> scores)
    {
        var largest = double.NegativeInfinity;
        foreach (var score in scores)
            largest = Math.Max(largest, score);
        if (!double.IsFinite(largest))
            largest = 0;
        var sum = 0.0;
        foreach (var score in scores)
            sum += Math.Exp(score - largest);
        return Math.Log(sum) + largest;
    }

    // Class probabilities from raw scores: σ(F) for class 1 and 1 − σ(F) for class 0 with one score, the softmax
    // exp(F_k − logsumexp F) otherwise.
    public static void Probabilities(ReadOnlySpan<double> raw, Span<double> probabilities)
    {
        if (raw.Length == 1)
        {
            var positive = Sigmoid(raw[0]);
            probabilities[1] = positive;
            probabilities[0] = 1 - positive;
            return;
        }
        var normaliser = LogSumExp(raw);
        for (var k = 0; k < raw.Length; k++)
            probabilities[k] = Math.Exp(raw[k] - normaliser);
    }
}
