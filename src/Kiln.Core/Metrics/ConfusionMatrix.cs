namespace Kiln.Core.Metrics;

/// <summary>
/// Rows counted (or their sample weights summed) by true class and predicted class, as scikit-learn's
/// <c>confusion_matrix</c>: row = true class, column = predicted class, both in class-code order.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly double[] _cells;
    private readonly double[] _trueTotals;
    private readonly double[] _predictedTotals;
    private readonly bool[] _occurs;

    private ConfusionMatrix(int classCount, double[] cells, bool[] occurs, bool isWeighted)
    {
        ClassCount = classCount;
        _cells = cells;
        _occurs = occurs;
        IsWeighted = isWeighted;
        _trueTotals = new double[classCount];
        _predictedTotals = new double[classCount];
        for (var t = 0; t < classCount; t++)
        {
            for (var p = 0; p < classCount; p++)
            {
                var cell = cells[t * classCount + p];
                _trueTotals[t] += cell;
                _predictedTotals[p] += cell;
                Total += cell;
                if (t == p)
                    Correct += cell;
            }
        }
        for (var c = 0; c < classCount; c++)
        {
            if (occurs[c])
                OccurringClassCount++;
        }
    }

    /// <summary>The number of classes (rows and columns).</summary>
    public int ClassCount { get; }

    /// <summary>Whether the cells are sums of sample weights rather than row counts.</summary>
    public bool IsWeighted { get; }

    /// <summary>The sum of all cells: the number of rows, or their total weight.</summary>
    public double Total { get; }

    /// <summary>The sum of the diagonal: rows predicted correctly.</summary>
    public double Correct { get; }

    /// <summary>The number of classes that occur among the true or predicted classes (see <see cref="Occurs"/>).</summary>
    public int OccurringClassCount { get; }

    /// <summary>The rows (or weight) of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class code is outside 0 … <see cref="ClassCount"/> − 1.</exception>
    public double this[int trueClass, int predictedClass]
    {
        get
        {
            CheckClass(trueClass, nameof(trueClass));
            CheckClass(predictedClass, nameof(predictedClass));
            return _cells[trueClass * ClassCount + predictedClass];
        }
    }

    /// <summary>The rows (or weight) whose true class is <paramref name="trueClass"/>: the row sum.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class code is out of range.</exception>
    public double TrueTotal(int trueClass)
    {
        CheckClass(trueClass, nameof(trueClass));
        return _trueTotals[trueClass];
    }

    /// <summary>The rows (or weight) predicted as <paramref name="predictedClass"/>: the column sum.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class code is out of range.</exception>
    public double PredictedTotal(int predictedClass)
    {
        CheckClass(predictedClass, nameof(predictedClass));
        return _predictedTotals[predictedClass];
    }

    /// <summary>
    /// Whether class <paramref name="classCode"/> occurs among the true or the predicted classes, even in rows of weight 0.
    /// These are the labels scikit-learn's <c>unique_labels(y_true, y_pred)</c> finds, over which macro averages run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The class code is out of range.</exception>
    public bool Occurs(int classCode)
    {
        CheckClass(classCode, nameof(classCode));
        return _occurs[classCode];
    }

    /// <summary>The cells as one array per true class.</summary>
    public double[][] ToRows()
    {
        var rows = new double[ClassCount][];
        for (var t = 0; t < ClassCount; t++)
            rows[t] = _cells.AsSpan(t * ClassCount, ClassCount).ToArray();
        return rows;
    }

    /// <summary>Counts <paramref name="trueClasses"/> against <paramref name="predictedClasses"/>.</summary>
    /// <param name="trueClasses">The true class code of each row, in 0 … <paramref name="classCount"/> − 1.</param>
    /// <param name="predictedClasses">The predicted class code of each row.</param>
    /// <param name="classCount">The number of classes; classes that never occur get rows and columns of zeros.</param>
    /// <param name="weights">One non-negative sample weight per row, or empty for unweighted counts.</param>
    /// <exception cref="ArgumentException">The inputs are empty or differ in length, a code is out of range, or a weight is negative or not finite.</exception>
    public static ConfusionMatrix Compute(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, ReadOnlySpan<double> weights = default)
    {
        MetricInputs.RequireClassCount(classCount, 1, nameof(classCount));
        MetricInputs.RequireRows(trueClasses.Length, nameof(trueClasses));
        MetricInputs.RequireSameLength(trueClasses.Length, predictedClasses.Length, nameof(trueClasses), nameof(predictedClasses));
        MetricInputs.RequireClassCodes(trueClasses, classCount, nameof(trueClasses));
        MetricInputs.RequireClassCodes(predictedClasses, classCount, nameof(predictedClasses));
        var isWeighted = MetricInputs.CheckWeights(weights, trueClasses.Length, nameof(weights));
        var cells = new double[classCount * classCount];
        var occurs = new bool[classCount];
        for (var row = 0; row < trueClasses.Length; row++)
        {
            var t = trueClasses[row];
            var p = predictedClasses[row];
            cells[t * classCount + p] += isWeighted ? weights[row] : 1.0;
            occurs[t] = true;
            occurs[p] = true;
        }
        return new ConfusionMatrix(classCount, cells, occurs, isWeighted);
    }

    private void CheckClass(int classCode, string parameterName)
    {
        if ((uint)classCode >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(parameterName, classCode, $"A class code must be in 0..{ClassCount - 1}.");
    }
}
