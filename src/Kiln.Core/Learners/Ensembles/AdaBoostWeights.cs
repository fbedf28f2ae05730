using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

// What both AdaBoost estimators share, as scikit-learn's BaseWeightBoosting.fit: the option checks, the starting
// weights (the sample weights scaled to sum to 1), and each round's floor on the weights (machine epsilon, except for
// rows whose weight was 0 from the start, which stay 0).
internal static class AdaBoostWeights
{
    // numpy's finfo(float64).eps: the gap between 1 and the next double.
    public const double MachineEpsilon = 2.220446049250313e-16;

    public static void Validate(int estimatorCount, double learningRate, int maxDepth)
    {
        if (estimatorCount < 1)
            throw new ArgumentException($"NEstimators (n_estimators) is {estimatorCount}; boosting needs at least 1 round.");
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentException($"LearningRate (learning_rate) is {learningRate}; it must be a finite number above 0.");
        if (maxDepth < 1)
            throw new ArgumentException($"MaxDepth (max_depth) is {maxDepth}; each base tree needs a depth of at least 1.");
    }

    // The set's sample weights (or ones) divided by their sum, and which of them are exactly 0.
    public static (double[] Weights, bool[] Zero) Start(TrainingSet data)
    {
        var weights = TreeInputs.Weights(data);
        var total = TreeInputs.Sum(weights);
        if (!(total > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {total}; at least one row needs a positive weight.", nameof(data));
        var zero = new bool[weights.Length];
        for (var row = 0; row < weights.Length; row++)
        {
            weights[row] /= total;
            zero[row] = weights[row] == 0;
        }
        return (weights, zero);
    }

    public static void Floor(double[] weights, bool[] zero)
    {
        for (var row = 0; row < weights.Length; row++)
            weights[row] = zero[row] ? 0 : Math.Max(weights[row], MachineEpsilon);
    }

    // After a round: false when boosting must stop (the weights overflowed or vanished); otherwise the weights are
    // scaled to sum to 1 unless this was the last round.
    public static bool Normalize(double[] weights, bool isLastRound)
    {
        var total = TreeInputs.Sum(weights);
        if (!double.IsFinite(total) || total <= 0)
            return false;
        if (!isLastRound)
        {
            for (var row = 0; row < weights.Length; row++)
                weights[row] /= total;
        }
        return true;
    }

    // The base tree's stopping rules: scikit-learn's defaults but for the depth.
    public static TreeLimits Limits(int maxDepth) => new(maxDepth, MinSamplesSplit: 2, MinSamplesLeaf: 1, MinWeightFractionLeaf: 0, MaxFeatures: null, MaxLeafNodes: null, MinImpurityDecrease: 0);
}
