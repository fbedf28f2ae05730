namespace Kiln.Core.Metrics;

/// <summary>Metrics of predicted class probabilities: log loss and Brier scores, equal to scikit-learn 1.2's.</summary>
/// <remarks>
/// Probabilities are row-major: <c>classCount</c> values per row, in class-code order, as
/// <see cref="Learners.IClassifierModel.PredictProbabilities"/> writes them. Every probability must be a number in [0, 1].
/// </remarks>
public static class ProbabilityMetrics
{
    /// <summary>The (weighted) mean negative log-likelihood of the true class, as scikit-learn's <c>log_loss(labels=classes)</c>.</summary>
    /// <remarks>
    /// Probabilities are clipped to [ε, 1 − ε] with ε = 2^-52 (numpy's float64 eps, scikit-learn 1.2's <c>eps='auto'</c>)
    /// and each row is then divided by its sum, exactly as scikit-learn does. Because the class list is explicit, a class
    /// absent from <paramref name="trueClasses"/> is fine (scikit-learn needs <c>labels</c> for that).
    /// </remarks>
    /// <param name="trueClasses">The true class code of each row.</param>
    /// <param name="probabilities">Row-major probabilities, <paramref name="classCount"/> per row.</param>
    /// <param name="classCount">The number of classes, at least 2.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">The shapes differ, a code is out of range, a probability is not in [0, 1], or a weight is invalid.</exception>
    public static double LogLoss(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, ReadOnlySpan<double> weights = default)
    {
        MetricInputs.RequireClassCount(classCount, 2, nameof(classCount));
        MetricInputs.RequireRows(trueClasses.Length, nameof(trueClasses));
        MetricInputs.RequireClassCodes(trueClasses, classCount, nameof(trueClasses));
        MetricInputs.RequireProbabilities(probabilities, trueClasses.Length, classCount, nameof(probabilities));
        var isWeighted = MetricInputs.CheckWeights(weights, trueClasses.Length, nameof(weights));
        const double Low = MetricInputs.MachineEpsilon;
        const double High = 1 - MetricInputs.MachineEpsilon;
        var sum = 0.0;
        var totalWeight = 0.0;
        for (var row = 0; row < trueClasses.Length; row++)
        {
            var rowValues = probabilities.Slice(row * classCount, classCount);
            var rowSum = 0.0;
            for (var k = 0; k < classCount; k++)
                rowSum += Math.Clamp(rowValues[k], Low, High);
            var loss = -Math.Log(Math.Clamp(rowValues[trueClasses[row]], Low, High) / rowSum);
            var weight = isWeighted ? weights[row] : 1.0;
            sum += loss * weight;
            totalWeight += weight;
        }
        return sum / totalWeight;
    }

    /// <summary>The (weighted) mean squared difference between the positive-class probability and the 0/1 outcome (scikit-learn's <c>brier_score_loss</c>).</summary>
    /// <param name="trueClasses">The true class of each row: 0 or 1.</param>
    /// <param name="positiveProbabilities">The predicted probability of <paramref name="positiveClass"/> for each row, in [0, 1].</param>
    /// <param name="positiveClass">The class code (0 or 1) whose probability is given.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">A code is not 0 or 1, the lengths differ, a probability is not in [0, 1], or a weight is invalid.</exception>
    public static double BrierScore(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> positiveProbabilities, int positiveClass, ReadOnlySpan<double> weights = default)
    {
        MetricInputs.RequireRows(trueClasses.Length, nameof(trueClasses));
        MetricInputs.RequireClassCodes(trueClasses, 2, nameof(trueClasses));
        MetricInputs.RequirePositiveClass(positiveClass, 2, nameof(positiveClass));
        MetricInputs.RequireProbabilities(positiveProbabilities, trueClasses.Length, 1, nameof(positiveProbabilities));
        var isWeighted = MetricInputs.CheckWeights(weights, trueClasses.Length, nameof(weights));
        var sum = 0.0;
        var totalWeight = 0.0;
        for (var row = 0; row < trueClasses.Length; row++)
        {
            var outcome = trueClasses[row] == positiveClass ? 1.0 : 0.0;
            var difference = outcome - positiveProbabilities[row];
            var weight = isWeighted ? weights[row] : 1.0;
            sum += difference * difference * weight;
            totalWeight += weight;
        }
        return sum / totalWeight;
    }

    /// <summary>The (weighted) mean over rows of Σₖ (pₖ − [k is the true class])², the multiclass Brier score of Brier (1950).</summary>
    /// <remarks>scikit-learn 1.2 has no multiclass Brier score; this is the numpy formula recorded in tests/reference/metrics_cases.json. For two classes it is twice <see cref="BrierScore"/>.</remarks>
    /// <exception cref="ArgumentException">The shapes differ, a code is out of range, a probability is not in [0, 1], or a weight is invalid.</exception>
    public static double MulticlassBrierScore(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, ReadOnlySpan<double> weights = default)
    {
        MetricInputs.RequireClassCount(classCount, 2, nameof(classCount));
        MetricInputs.RequireRows(trueClasses.Length, nameof(trueClasses));
        MetricInputs.RequireClassCodes(trueClasses, classCount, nameof(trueClasses));
        MetricInputs.RequireProbabilities(probabilities, trueClasses.Length, classCount, nameof(probabilities));
        var isWeighted = MetricInputs.CheckWeights(weights, trueClasses.Length, nameof(weights));
        var sum = 0.0;
        var totalWeight = 0.0;
        for (var row = 0; row < trueClasses.Length; row++)
        {
            var rowValues = probabilities.Slice(row * classCount, classCount);
            var rowLoss = 0.0;
            for (var k = 0; k < classCount; k++)
            {
                var difference = rowValues[k] - (k == trueClasses[row] ? 1.0 : 0.0);
                rowLoss += difference * difference;
            }
            var weight = isWeighted ? weights[row] : 1.0;
            sum += rowLoss * weight;
            totalWeight += weight;
        }
        return sum / totalWeight;
    }
}
