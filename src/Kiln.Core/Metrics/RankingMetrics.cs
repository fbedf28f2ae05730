namespace Kiln.Core.Metrics;

/// <summary>
/// Metrics of how well scores rank the rows: ROC AUC and average precision, for binary and multiclass problems,
/// equal to scikit-learn 1.2's.
/// </summary>
/// <remarks>
/// <para>Binary functions take true classes 0/1, the positive class, and one score per row (any finite number; a
/// higher score means "more positive"). Multiclass functions take row-major probabilities, <c>classCount</c> per row,
/// and behave as scikit-learn's with <c>labels</c> set to the class list.</para>
/// <para>Tied scores are one threshold, so their order never matters. Average precision is the step sum
/// Σ (Rₙ − Rₙ₋₁) Pₙ, without interpolation, as scikit-learn computes it. Rows of weight 0 are dropped.</para>
/// </remarks>
public static class RankingMetrics
{
    /// <summary>Area under the ROC curve of a binary problem (scikit-learn's <c>roc_auc_score</c>).</summary>
    /// <param name="trueClasses">The true class of each row: 0 or 1.</param>
    /// <param name="scores">The score of <paramref name="positiveClass"/> for each row.</param>
    /// <param name="positiveClass">The class code (0 or 1) that the scores rank.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">The inputs are invalid, or only one class occurs among the true classes (ROC AUC is then undefined).</exception>
    public static double RocAuc(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> scores, int positiveClass, ReadOnlySpan<double> weights = default)
    {
        CheckBinary(trueClasses, scores, positiveClass, weights);
        var isPositive = new bool[trueClasses.Length];
        for (var row = 0; row < isPositive.Length; row++)
            isPositive[row] = trueClasses[row] == positiveClass;
        return BinaryRocArea(isPositive, scores, weights, "ROC AUC");
    }

    /// <summary>Average precision of a binary problem: Σ (Rₙ − Rₙ₋₁) Pₙ over the score thresholds (scikit-learn's <c>average_precision_score</c>).</summary>
    /// <remarks>With no positive rows the result is 0, as scikit-learn returns (with a warning).</remarks>
    /// <param name="trueClasses">The true class of each row: 0 or 1.</param>
    /// <param name="scores">The score of <paramref name="positiveClass"/> for each row.</param>
    /// <param name="positiveClass">The class code (0 or 1) that the scores rank.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, or hold a code other than 0 and 1, a non-finite score or an invalid weight.</exception>
    public static double AveragePrecision(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> scores, int positiveClass, ReadOnlySpan<double> weights = default)
    {
        CheckBinary(trueClasses, scores, positiveClass, weights);
        var isPositive = new bool[trueClasses.Length];
        for (var row = 0; row < isPositive.Length; row++)
            isPositive[row] = trueClasses[row] == positiveClass;
        return BinaryCurve.Build(isPositive, scores, weights).AveragePrecision();
    }

    /// <summary>One-vs-rest ROC AUC of a multiclass problem (scikit-learn's <c>roc_auc_score(multi_class='ovr')</c>).</summary>
    /// <remarks>
    /// Macro averages the per-class areas; Weighted weighs each by its class's (weighted) number of true rows;
    /// Micro pools every (row, class) pair into one binary problem.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The inputs are invalid, a row's probabilities do not sum to 1, or (for Macro and Weighted) a class has no true rows,
    /// which leaves its one-vs-rest area undefined.
    /// </exception>
    public static double RocAucOneVsRest(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, MetricAverage average = MetricAverage.Macro, ReadOnlySpan<double> weights = default)
    {
        CheckMulticlass(trueClasses, probabilities, classCount, weights);
        MetricInputs.RequireRowsSumToOne(probabilities, classCount, "Multiclass ROC AUC", nameof(probabilities));
        return OneVsRest(trueClasses, probabilities, classCount, average, weights, Kind.RocArea);
    }

    /// <summary>
    /// One-vs-one ROC AUC of a multiclass problem, as Hand and Till (2001) define it (scikit-learn's
    /// <c>roc_auc_score(multi_class='ovo')</c>).
    /// </summary>
    /// <remarks>
    /// For each pair of classes (a, b) that occur among the true classes, the rows of class a or b give
    /// A(a|b) = AUC of "is a" ranked by P(a) and A(b|a) = AUC of "is b" ranked by P(b); the pair scores their mean.
    /// Macro averages the pairs; Weighted weighs each pair by its prevalence, the share of all rows whose true class is a
    /// or b. Sample weights are not accepted, as in scikit-learn.
    /// </remarks>
    /// <exception cref="ArgumentException">The inputs are invalid, a row's probabilities do not sum to 1, fewer than two classes occur, or <paramref name="average"/> is Micro.</exception>
    public static double RocAucOneVsOne(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, MetricAverage average = MetricAverage.Macro)
    {
        CheckMulticlass(trueClasses, probabilities, classCount, default);
        if (average == MetricAverage.Micro)
            throw new ArgumentException("One-vs-one ROC AUC has no micro average; use Macro or Weighted (scikit-learn refuses 'micro' too).", nameof(average));
        MetricInputs.RequireRowsSumToOne(probabilities, classCount, "Multiclass ROC AUC", nameof(probabilities));

        var classRows = new int[classCount];
        foreach (var code in trueClasses)
            classRows[code]++;
        var occurring = 0;
        foreach (var count in classRows)
        {
            if (count > 0)
                occurring++;
        }
        if (occurring < 2)
            throw new ArgumentException($"One-vs-one ROC AUC needs at least two classes among the true classes, but only {occurring} occurs.", nameof(trueClasses));

        var rowCount = trueClasses.Length;
        var isPositive = new bool[rowCount];
        var scores = new double[rowCount];
        var sum = 0.0;
        var weightSum = 0.0;
        for (var a = 0; a < classCount; a++)
        {
            if (classRows[a] == 0)
                continue;
            for (var b = a + 1; b < classCount; b++)
            {
                if (classRows[b] == 0)
                    continue;
                var pairArea = (PairArea(trueClasses, probabilities, classCount, a, b, isPositive, scores)
                    + PairArea(trueClasses, probabilities, classCount, b, a, isPositive, scores)) / 2;
                var weight = average == MetricAverage.Weighted ? (double)(classRows[a] + classRows[b]) / rowCount : 1.0;
                sum += pairArea * weight;
                weightSum += weight;
            }
        }
        return sum / weightSum;
    }

    /// <summary>
    /// One-vs-rest average precision of a multiclass problem: scikit-learn's <c>average_precision_score</c> on the
    /// one-hot true classes (<c>label_binarize(y, classes)</c>).
    /// </summary>
    /// <remarks>A class with no true rows scores 0 (and counts in the macro average), as in scikit-learn.</remarks>
    /// <exception cref="ArgumentException">The inputs are invalid.</exception>
    public static double AveragePrecisionOneVsRest(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, MetricAverage average = MetricAverage.Macro, ReadOnlySpan<double> weights = default)
    {
        CheckMulticlass(trueClasses, probabilities, classCount, weights);
        return OneVsRest(trueClasses, probabilities, classCount, average, weights, Kind.AveragePrecision);
    }

    private static double OneVsRest(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, MetricAverage average, ReadOnlySpan<double> weights, Kind kind)
    {
        var rowCount = trueClasses.Length;
        var name = kind == Kind.RocArea ? "One-vs-rest ROC AUC" : "One-vs-rest average precision";
        if (average == MetricAverage.Micro)
        {
            // Every (row, class) pair is one binary row; row-major probabilities are already in that order.
            var isPairPositive = new bool[rowCount * classCount];
            var pairWeights = weights.IsEmpty ? [] : new double[rowCount * classCount];
            for (var row = 0; row < rowCount; row++)
            {
                isPairPositive[row * classCount + trueClasses[row]] = true;
                if (!weights.IsEmpty)
                    pairWeights.AsSpan(row * classCount, classCount).Fill(weights[row]);
            }
            return kind == Kind.RocArea
                ? BinaryRocArea(isPairPositive, probabilities, pairWeights, name)
                : BinaryCurve.Build(isPairPositive, probabilities, pairWeights).AveragePrecision();
        }
        if (average is not (MetricAverage.Macro or MetricAverage.Weighted))
            throw new ArgumentOutOfRangeException(nameof(average), average, "Use Macro, Micro or Weighted.");

        var classWeights = new double[classCount];
        for (var row = 0; row < rowCount; row++)
            classWeights[trueClasses[row]] += MetricInputs.WeightOf(weights, row);

        var isPositive = new bool[rowCount];
        var scores = new double[rowCount];
        var sum = 0.0;
        var weightSum = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            for (var row = 0; row < rowCount; row++)
            {
                isPositive[row] = trueClasses[row] == c;
                scores[row] = probabilities[row * classCount + c];
            }
            double value;
            if (kind == Kind.RocArea)
            {
                if (!trueClasses.Contains(c))
                    throw new ArgumentException($"{name} is undefined for class code {c}: it has no true rows, so its one-vs-rest problem has only one class (scikit-learn refuses this too). Use the micro average or evaluate on data with every class.", nameof(trueClasses));
                value = BinaryRocArea(isPositive, scores, weights, name);
            }
            else
            {
                value = BinaryCurve.Build(isPositive, scores, weights).AveragePrecision();
            }
            var weight = average == MetricAverage.Weighted ? classWeights[c] : 1.0;
            // scikit-learn forces classes of weight 0 to score 0 so they cannot spread NaN into the average.
            sum += weight == 0 ? 0 : value * weight;
            weightSum += weight;
        }
        // scikit-learn returns 0 when the class weights sum to (close to) zero.
        return weightSum == 0 ? 0.0 : sum / weightSum;
    }

    private static double PairArea(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, int positive, int negative, bool[] isPositive, double[] scores)
    {
        var count = 0;
        for (var row = 0; row < trueClasses.Length; row++)
        {
            var code = trueClasses[row];
            if (code != positive && code != negative)
                continue;
            isPositive[count] = code == positive;
            scores[count] = probabilities[row * classCount + positive];
            count++;
        }
        return BinaryCurve.Build(isPositive.AsSpan(0, count), scores.AsSpan(0, count), default).RocArea();
    }

    private static double BinaryRocArea(ReadOnlySpan<bool> isPositive, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, string name)
    {
        var hasPositive = false;
        var hasNegative = false;
        foreach (var positive in isPositive)
        {
            hasPositive |= positive;
            hasNegative |= !positive;
        }
        if (!hasPositive || !hasNegative)
            throw new ArgumentException($"{name} is undefined: only one class is present in the true classes (every row is {(hasPositive ? "positive" : "negative")}); it needs both positive and negative rows, as scikit-learn says.", nameof(isPositive));
        var curve = BinaryCurve.Build(isPositive, scores, weights);
        if (curve.TotalPositive <= 0 || curve.TotalNegative <= 0)
            throw new ArgumentException($"{name} is undefined: every {(curve.TotalPositive <= 0 ? "positive" : "negative")} row has sample weight 0 (scikit-learn returns NaN).", nameof(weights));
        return curve.RocArea();
    }

    private static void CheckBinary(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> scores, int positiveClass, ReadOnlySpan<double> weights)
    {
        MetricInputs.RequireRows(trueClasses.Length, nameof(trueClasses));
        MetricInputs.RequireSameLength(trueClasses.Length, scores.Length, nameof(trueClasses), nameof(scores));
        MetricInputs.RequireClassCodes(trueClasses, 2, nameof(trueClasses));
        MetricInputs.RequirePositiveClass(positiveClass, 2, nameof(positiveClass));
        MetricInputs.RequireFinite(scores, nameof(scores));
        MetricInputs.CheckWeights(weights, trueClasses.Length, nameof(weights));
    }

    private static void CheckMulticlass(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double> probabilities, int classCount, ReadOnlySpan<double> weights)
    {
        MetricInputs.RequireClassCount(classCount, 2, nameof(classCount));
        MetricInputs.RequireRows(trueClasses.Length, nameof(trueClasses));
        MetricInputs.RequireClassCodes(trueClasses, classCount, nameof(trueClasses));
        MetricInputs.RequireProbabilities(probabilities, trueClasses.Length, classCount, nameof(probabilities));
        MetricInputs.CheckWeights(weights, trueClasses.Length, nameof(weights));
    }

    private enum Kind
    {
        RocArea,
        AveragePrecision,
    }
}
