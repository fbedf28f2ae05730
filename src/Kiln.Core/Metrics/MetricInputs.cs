using System.Globalization;

namespace Kiln.Core.Metrics;

/// <summary>Checks shared by every metric: lengths, class codes, weights, probabilities.</summary>
internal static class MetricInputs
{
    /// <summary>numpy's <c>finfo(float64).eps</c>, the gap between 1 and the next double (2^-52).</summary>
    internal const double MachineEpsilon = 2.220446049250313e-16;

    internal static void RequireRows(int rowCount, string parameterName)
    {
        if (rowCount == 0)
            throw new ArgumentException("The metric needs at least one row, but the input is empty.", parameterName);
    }

    internal static void RequireSameLength(int expected, int actual, string expectedName, string parameterName)
    {
        if (actual != expected)
            throw new ArgumentException($"'{parameterName}' has {actual} values but '{expectedName}' has {expected}; pass one value per row.", parameterName);
    }

    internal static void RequireClassCount(int classCount, int minimum, string parameterName)
    {
        if (classCount < minimum)
            throw new ArgumentOutOfRangeException(parameterName, classCount, $"The class count must be at least {minimum}.");
    }

    internal static void RequireClassCodes(ReadOnlySpan<int> classes, int classCount, string parameterName)
    {
        for (var row = 0; row < classes.Length; row++)
        {
            var code = classes[row];
            if ((uint)code >= (uint)classCount)
                throw new ArgumentException($"Row {row} of '{parameterName}' has class code {code}, outside 0..{classCount - 1}; codes index the class list of {classCount} classes.", parameterName);
        }
    }

    internal static void RequirePositiveClass(int positiveClass, int classCount, string parameterName)
    {
        if ((uint)positiveClass >= (uint)classCount)
            throw new ArgumentOutOfRangeException(parameterName, positiveClass, $"The positive class must be a class code in 0..{classCount - 1}.");
    }

    /// <summary>Checks the weights (empty means unweighted) and returns whether the rows are weighted.</summary>
    internal static bool CheckWeights(ReadOnlySpan<double> weights, int rowCount, string parameterName = "weights")
    {
        if (weights.IsEmpty)
            return false;
        RequireSameLength(rowCount, weights.Length, "the true values", parameterName);
        var total = 0.0;
        for (var row = 0; row < weights.Length; row++)
        {
            var weight = weights[row];
            if (!double.IsFinite(weight) || weight < 0)
                throw new ArgumentException($"Sample weight {Format(weight)} in row {row} is not a finite non-negative number; weights must be finite and at least 0.", parameterName);
            total += weight;
        }
        if (total <= 0)
            throw new ArgumentException("The sample weights sum to zero, so no weighted mean exists; give at least one row a positive weight.", parameterName);
        return true;
    }

    internal static void RequireFinite(ReadOnlySpan<double> values, string parameterName)
    {
        for (var row = 0; row < values.Length; row++)
        {
            if (!double.IsFinite(values[row]))
                throw new ArgumentException($"Row {row} of '{parameterName}' is {Format(values[row])}; metrics need finite numbers (remove or impute missing values first).", parameterName);
        }
    }

    /// <summary>Checks a row-major probability matrix: the right shape, and every value a number in [0, 1].</summary>
    internal static void RequireProbabilities(ReadOnlySpan<double> probabilities, int rowCount, int classCount, string parameterName)
    {
        if (probabilities.Length != rowCount * classCount)
            throw new ArgumentException($"'{parameterName}' has {probabilities.Length} values, but {rowCount} rows × {classCount} classes need {rowCount * classCount} (row-major, one value per class per row).", parameterName);
        for (var index = 0; index < probabilities.Length; index++)
        {
            var value = probabilities[index];
            if (!(value >= 0 && value <= 1))
                throw new ArgumentException($"The probability of class {index % classCount} in row {index / classCount} is {Format(value)}; probabilities must be numbers in [0, 1].", parameterName);
        }
    }

    /// <summary>Checks that every row of probabilities sums to 1 as <c>numpy.allclose(1, sum)</c> does (scikit-learn's multiclass ROC AUC check).</summary>
    internal static void RequireRowsSumToOne(ReadOnlySpan<double> probabilities, int classCount, string metricName, string parameterName)
    {
        var rowCount = probabilities.Length / classCount;
        for (var row = 0; row < rowCount; row++)
        {
            var sum = 0.0;
            var rowValues = probabilities.Slice(row * classCount, classCount);
            for (var k = 0; k < rowValues.Length; k++)
                sum += rowValues[k];
            if (!(Math.Abs(1.0 - sum) <= 1e-8 + 1e-5 * Math.Abs(sum)))
                throw new ArgumentException($"{metricName} needs class probabilities that sum to 1 in every row, but row {row} sums to {Format(sum)} (tolerance as numpy.allclose: 1e-8 + 1e-5 × sum); scikit-learn refuses such scores too. Normalize the probabilities.", parameterName);
        }
    }

    /// <summary>The mean of <paramref name="values"/>, weighted when <paramref name="weights"/> is not empty (numpy's <c>average</c>).</summary>
    internal static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Length; i++)
                sum += values[i];
            return sum / values.Length;
        }
        var weightedSum = 0.0;
        var totalWeight = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            weightedSum += values[i] * weights[i];
            totalWeight += weights[i];
        }
        return weightedSum / totalWeight;
    }

    internal static double WeightOf(ReadOnlySpan<double> weights, int row) => weights.IsEmpty ? 1.0 : weights[row];

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
