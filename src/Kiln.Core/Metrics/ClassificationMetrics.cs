namespace Kiln.Core.Metrics;

/// <summary>
/// Metrics of predicted class labels, equal to scikit-learn 1.2's with <c>zero_division=0</c>.
/// </summary>
/// <remarks>
/// Classes are codes 0 … k − 1 into a class list (see <see cref="Learners.ClassLabels"/>). As in scikit-learn with
/// <c>labels=None</c>, per-class averages run over the classes that occur among the true or predicted classes
/// (<see cref="ConfusionMatrix.Occurs"/>); a class that never occurs does not lower a macro average. Weights are
/// optional everywhere: an empty span means every row counts 1.
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>The (weighted) share of rows whose predicted class is the true class.</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, or a weight is invalid.</exception>
    public static double Accuracy(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, ReadOnlySpan<double> weights = default)
    {
        MetricInputs.RequireRows(trueClasses.Length, nameof(trueClasses));
        MetricInputs.RequireSameLength(trueClasses.Length, predictedClasses.Length, nameof(trueClasses), nameof(predictedClasses));
        var isWeighted = MetricInputs.CheckWeights(weights, trueClasses.Length, nameof(weights));
        var correct = 0.0;
        var total = 0.0;
        for (var row = 0; row < trueClasses.Length; row++)
        {
            var weight = isWeighted ? weights[row] : 1.0;
            if (trueClasses[row] == predictedClasses[row])
                correct += weight;
            total += weight;
        }
        return correct / total;
    }

    /// <summary>The mean recall over the classes that have true rows (scikit-learn's <c>balanced_accuracy_score</c>, not adjusted).</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double BalancedAccuracy(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, ReadOnlySpan<double> weights = default) =>
        BalancedAccuracy(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights));

    /// <summary>The mean recall over the classes of <paramref name="matrix"/> that have true weight.</summary>
    public static double BalancedAccuracy(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        // scikit-learn drops classes with no true rows (they give 0/0) before averaging.
        var sum = 0.0;
        var count = 0;
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            var trueTotal = matrix.TrueTotal(c);
            if (trueTotal > 0)
            {
                sum += matrix[c, c] / trueTotal;
                count++;
            }
        }
        return sum / count;
    }

    /// <summary>Precision of the positive class of a binary problem: TP / (TP + FP), 0 when nothing is predicted positive.</summary>
    /// <param name="trueClasses">The true class of each row: 0 or 1.</param>
    /// <param name="predictedClasses">The predicted class of each row: 0 or 1.</param>
    /// <param name="positiveClass">The class code (0 or 1) that counts as positive.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">A code is not 0 or 1, the inputs differ in length, or a weight is invalid.</exception>
    public static double BinaryPrecision(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int positiveClass, ReadOnlySpan<double> weights = default) =>
        BinaryScore(ConfusionMatrix.Compute(trueClasses, predictedClasses, 2, weights), positiveClass, Score.Precision);

    /// <summary>Recall of the positive class of a binary problem: TP / (TP + FN), 0 when no row is truly positive.</summary>
    /// <param name="trueClasses">The true class of each row: 0 or 1.</param>
    /// <param name="predictedClasses">The predicted class of each row: 0 or 1.</param>
    /// <param name="positiveClass">The class code (0 or 1) that counts as positive.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">A code is not 0 or 1, the inputs differ in length, or a weight is invalid.</exception>
    public static double BinaryRecall(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int positiveClass, ReadOnlySpan<double> weights = default) =>
        BinaryScore(ConfusionMatrix.Compute(trueClasses, predictedClasses, 2, weights), positiveClass, Score.Recall);

    /// <summary>F1 of the positive class of a binary problem: the harmonic mean of precision and recall, 0 when both are 0.</summary>
    /// <param name="trueClasses">The true class of each row: 0 or 1.</param>
    /// <param name="predictedClasses">The predicted class of each row: 0 or 1.</param>
    /// <param name="positiveClass">The class code (0 or 1) that counts as positive.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">A code is not 0 or 1, the inputs differ in length, or a weight is invalid.</exception>
    public static double BinaryF1(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int positiveClass, ReadOnlySpan<double> weights = default) =>
        BinaryScore(ConfusionMatrix.Compute(trueClasses, predictedClasses, 2, weights), positiveClass, Score.F1);

    /// <summary>Precision averaged over the classes that occur, as scikit-learn's <c>precision_score(average=...)</c>.</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double Precision(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, MetricAverage average, ReadOnlySpan<double> weights = default) =>
        Averaged(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights), Score.Precision, average);

    /// <summary>Recall averaged over the classes that occur, as scikit-learn's <c>recall_score(average=...)</c>.</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double Recall(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, MetricAverage average, ReadOnlySpan<double> weights = default) =>
        Averaged(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights), Score.Recall, average);

    /// <summary>F1 averaged over the classes that occur, as scikit-learn's <c>f1_score(average=...)</c>.</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double F1(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, MetricAverage average, ReadOnlySpan<double> weights = default) =>
        Averaged(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights), Score.F1, average);

    /// <summary>Precision of <paramref name="matrix"/>, averaged over the classes that occur.</summary>
    public static double Precision(ConfusionMatrix matrix, MetricAverage average) => Averaged(Check(matrix), Score.Precision, average);

    /// <summary>Recall of <paramref name="matrix"/>, averaged over the classes that occur.</summary>
    public static double Recall(ConfusionMatrix matrix, MetricAverage average) => Averaged(Check(matrix), Score.Recall, average);

    /// <summary>F1 of <paramref name="matrix"/>, averaged over the classes that occur.</summary>
    public static double F1(ConfusionMatrix matrix, MetricAverage average) => Averaged(Check(matrix), Score.F1, average);

    /// <summary>Precision of every class, in class-code order (0 for a class never predicted).</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double[] PrecisionPerClass(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, ReadOnlySpan<double> weights = default) =>
        PerClass(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights), Score.Precision);

    /// <summary>Recall of every class, in class-code order (0 for a class with no true rows).</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double[] RecallPerClass(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, ReadOnlySpan<double> weights = default) =>
        PerClass(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights), Score.Recall);

    /// <summary>F1 of every class, in class-code order.</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double[] F1PerClass(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, ReadOnlySpan<double> weights = default) =>
        PerClass(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights), Score.F1);

    /// <summary>Precision of every class of <paramref name="matrix"/>, in class-code order.</summary>
    public static double[] PrecisionPerClass(ConfusionMatrix matrix) => PerClass(Check(matrix), Score.Precision);

    /// <summary>Recall of every class of <paramref name="matrix"/>, in class-code order.</summary>
    public static double[] RecallPerClass(ConfusionMatrix matrix) => PerClass(Check(matrix), Score.Recall);

    /// <summary>F1 of every class of <paramref name="matrix"/>, in class-code order.</summary>
    public static double[] F1PerClass(ConfusionMatrix matrix) => PerClass(Check(matrix), Score.F1);

    /// <summary>Precision of class <paramref name="positiveClass"/> alone (scikit-learn's <c>average='binary'</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class code is out of range.</exception>
    public static double BinaryPrecision(ConfusionMatrix matrix, int positiveClass) => BinaryScore(Check(matrix), positiveClass, Score.Precision);

    /// <summary>Recall of class <paramref name="positiveClass"/> alone (scikit-learn's <c>average='binary'</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class code is out of range.</exception>
    public static double BinaryRecall(ConfusionMatrix matrix, int positiveClass) => BinaryScore(Check(matrix), positiveClass, Score.Recall);

    /// <summary>F1 of class <paramref name="positiveClass"/> alone (scikit-learn's <c>average='binary'</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class code is out of range.</exception>
    public static double BinaryF1(ConfusionMatrix matrix, int positiveClass) => BinaryScore(Check(matrix), positiveClass, Score.F1);

    /// <summary>Matthews correlation coefficient for two or more classes (0 when it is undefined, as scikit-learn returns).</summary>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is invalid.</exception>
    public static double MatthewsCorrelation(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, ReadOnlySpan<double> weights = default) =>
        MatthewsCorrelation(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights));

    /// <summary>Matthews correlation coefficient of <paramref name="matrix"/> (Gorodkin's multiclass form).</summary>
    public static double MatthewsCorrelation(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var total = matrix.Total;
        var trueDotPredicted = 0.0;
        var predictedDotPredicted = 0.0;
        var trueDotTrue = 0.0;
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            var trueTotal = matrix.TrueTotal(c);
            var predictedTotal = matrix.PredictedTotal(c);
            trueDotPredicted += trueTotal * predictedTotal;
            predictedDotPredicted += predictedTotal * predictedTotal;
            trueDotTrue += trueTotal * trueTotal;
        }
        var covariance = matrix.Correct * total - trueDotPredicted;
        var predictedVariance = total * total - predictedDotPredicted;
        var trueVariance = total * total - trueDotTrue;
        // scikit-learn returns 0 when either side is constant.
        if (predictedVariance * trueVariance == 0)
            return 0.0;
        return covariance / Math.Sqrt(trueVariance * predictedVariance);
    }

    /// <summary>Cohen's kappa between the true and predicted classes, optionally weighted by class distance.</summary>
    /// <exception cref="ArgumentException">The inputs are invalid, or kappa is undefined because no disagreement is possible by chance.</exception>
    public static double CohenKappa(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, KappaWeighting weighting = KappaWeighting.None, ReadOnlySpan<double> weights = default) =>
        CohenKappa(ConfusionMatrix.Compute(trueClasses, predictedClasses, classCount, weights), weighting);

    /// <summary>Cohen's kappa of <paramref name="matrix"/>.</summary>
    /// <remarks>
    /// As scikit-learn (with <c>labels=None</c>), linear and quadratic distances are positions among the classes that
    /// occur, so a class that never occurs does not widen the gap between its neighbours.
    /// </remarks>
    /// <exception cref="ArgumentException">Kappa is undefined: the expected disagreement is 0 (every row is one class, in truth and prediction).</exception>
    public static double CohenKappa(ConfusionMatrix matrix, KappaWeighting weighting = KappaWeighting.None)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var positions = new int[matrix.ClassCount];
        var position = 0;
        for (var c = 0; c < matrix.ClassCount; c++)
            positions[c] = matrix.Occurs(c) ? position++ : -1;

        var observed = 0.0;
        var expected = 0.0;
        var total = matrix.Total;
        for (var t = 0; t < matrix.ClassCount; t++)
        {
            if (positions[t] < 0)
                continue;
            for (var p = 0; p < matrix.ClassCount; p++)
            {
                if (positions[p] < 0)
                    continue;
                var distance = Math.Abs(positions[t] - positions[p]);
                double weight = weighting switch
                {
                    KappaWeighting.None => distance == 0 ? 0 : 1,
                    KappaWeighting.Linear => distance,
                    KappaWeighting.Quadratic => distance * distance,
                    _ => throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Use None, Linear or Quadratic."),
                };
                observed += weight * matrix[t, p];
                // scikit-learn's expected matrix is outer(column sums, row sums) / total.
                expected += weight * (matrix.PredictedTotal(t) * matrix.TrueTotal(p) / total);
            }
        }
        if (expected == 0)
            throw new ArgumentException("Cohen's kappa is undefined: every row has the same class in truth and in prediction, so no disagreement is expected by chance (scikit-learn returns NaN).", nameof(matrix));
        return 1 - observed / expected;
    }

    private static double Averaged(ConfusionMatrix matrix, Score score, MetricAverage average)
    {
        if (average == MetricAverage.Micro)
        {
            // Pooled over the occurring classes: every row is one true positive or one false positive/negative.
            var truePositives = 0.0;
            var predicted = 0.0;
            var actual = 0.0;
            for (var c = 0; c < matrix.ClassCount; c++)
            {
                if (!matrix.Occurs(c))
                    continue;
                truePositives += matrix[c, c];
                predicted += matrix.PredictedTotal(c);
                actual += matrix.TrueTotal(c);
            }
            return Combine(truePositives, predicted, actual, score);
        }
        if (average is not (MetricAverage.Macro or MetricAverage.Weighted))
            throw new ArgumentOutOfRangeException(nameof(average), average, "Use Macro, Micro or Weighted.");

        var sum = 0.0;
        var weightSum = 0.0;
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            if (!matrix.Occurs(c))
                continue;
            var value = Combine(matrix[c, c], matrix.PredictedTotal(c), matrix.TrueTotal(c), score);
            var weight = average == MetricAverage.Weighted ? matrix.TrueTotal(c) : 1.0;
            sum += value * weight;
            weightSum += weight;
        }
        if (weightSum == 0)
        {
            // Only reachable for Weighted with no true weight: scikit-learn's zero_division=0 result.
            return 0.0;
        }
        return sum / weightSum;
    }

    private static double[] PerClass(ConfusionMatrix matrix, Score score)
    {
        var values = new double[matrix.ClassCount];
        for (var c = 0; c < values.Length; c++)
            values[c] = Combine(matrix[c, c], matrix.PredictedTotal(c), matrix.TrueTotal(c), score);
        return values;
    }

    private static double BinaryScore(ConfusionMatrix matrix, int positiveClass, Score score)
    {
        MetricInputs.RequirePositiveClass(positiveClass, matrix.ClassCount, nameof(positiveClass));
        return Combine(matrix[positiveClass, positiveClass], matrix.PredictedTotal(positiveClass), matrix.TrueTotal(positiveClass), score);
    }

    private static double Combine(double truePositives, double predicted, double actual, Score score)
    {
        // zero_division=0: a ratio with a zero denominator is 0.
        var precision = predicted == 0 ? 0.0 : truePositives / predicted;
        var recall = actual == 0 ? 0.0 : truePositives / actual;
        return score switch
        {
            Score.Precision => precision,
            Score.Recall => recall,
            _ => precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall),
        };
    }

    private static ConfusionMatrix Check(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return matrix;
    }

    private enum Score
    {
        Precision,
        Recall,
        F1,
    }
}
