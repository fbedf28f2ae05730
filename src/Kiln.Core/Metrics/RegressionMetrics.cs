namespace Kiln.Core.Metrics;

/// <summary>Metrics of predicted numbers against true numbers, equal to scikit-learn 1.2's for one output.</summary>
/// <remarks>Every input must be finite. Weights are optional: an empty span means every row counts 1.</remarks>
public static class RegressionMetrics
{
    /// <summary>The (weighted) mean of (y − ŷ)².</summary>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, hold a non-finite value, or a weight is invalid.</exception>
    public static double MeanSquaredError(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        var isWeighted = Check(trueValues, predictedValues, weights);
        var sum = 0.0;
        var totalWeight = 0.0;
        for (var row = 0; row < trueValues.Length; row++)
        {
            var difference = trueValues[row] - predictedValues[row];
            var weight = isWeighted ? weights[row] : 1.0;
            sum += difference * difference * weight;
            totalWeight += weight;
        }
        return sum / totalWeight;
    }

    /// <summary>The square root of <see cref="MeanSquaredError"/> (scikit-learn's <c>mean_squared_error(squared=False)</c>).</summary>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, hold a non-finite value, or a weight is invalid.</exception>
    public static double RootMeanSquaredError(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default) =>
        Math.Sqrt(MeanSquaredError(trueValues, predictedValues, weights));

    /// <summary>The (weighted) mean of |y − ŷ|.</summary>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, hold a non-finite value, or a weight is invalid.</exception>
    public static double MeanAbsoluteError(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        var isWeighted = Check(trueValues, predictedValues, weights);
        var sum = 0.0;
        var totalWeight = 0.0;
        for (var row = 0; row < trueValues.Length; row++)
        {
            var weight = isWeighted ? weights[row] : 1.0;
            sum += Math.Abs(predictedValues[row] - trueValues[row]) * weight;
            totalWeight += weight;
        }
        return sum / totalWeight;
    }

    /// <summary>
    /// The (weighted) mean of |y − ŷ| / max(|y|, ε) with ε = 2^-52, as a fraction (not percent), as scikit-learn's
    /// <c>mean_absolute_percentage_error</c>: a true value of 0 with a nonzero error gives a huge but finite result.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, hold a non-finite value, or a weight is invalid.</exception>
    public static double MeanAbsolutePercentageError(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        var isWeighted = Check(trueValues, predictedValues, weights);
        var sum = 0.0;
        var totalWeight = 0.0;
        for (var row = 0; row < trueValues.Length; row++)
        {
            var weight = isWeighted ? weights[row] : 1.0;
            var error = Math.Abs(predictedValues[row] - trueValues[row]) / Math.Max(Math.Abs(trueValues[row]), MetricInputs.MachineEpsilon);
            sum += error * weight;
            totalWeight += weight;
        }
        return sum / totalWeight;
    }

    /// <summary>The median of |y − ŷ|; with weights, scikit-learn's weighted 50th percentile.</summary>
    /// <remarks>
    /// Unweighted, this is numpy's median: the mean of the two middle values for an even count. Weighted, it is
    /// scikit-learn's <c>_weighted_percentile</c>: sort the errors, accumulate their weights, and take the first error
    /// whose cumulative weight reaches half the total, with no averaging, so weights of all 1 can differ from the
    /// unweighted median.
    /// </remarks>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, hold a non-finite value, or a weight is invalid.</exception>
    public static double MedianAbsoluteError(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        var isWeighted = Check(trueValues, predictedValues, weights);
        var errors = new double[trueValues.Length];
        for (var row = 0; row < errors.Length; row++)
            errors[row] = Math.Abs(predictedValues[row] - trueValues[row]);
        if (!isWeighted)
        {
            Array.Sort(errors);
            var middle = errors.Length / 2;
            return errors.Length % 2 == 1 ? errors[middle] : (errors[middle - 1] + errors[middle]) / 2;
        }

        var sortedWeights = weights.ToArray();
        Array.Sort(errors, sortedWeights);
        var cumulative = new double[errors.Length];
        var running = 0.0;
        for (var i = 0; i < errors.Length; i++)
        {
            running += sortedWeights[i];
            cumulative[i] = running;
        }
        var half = 0.5 * running;
        // The first position whose cumulative weight reaches half the total (numpy's searchsorted, side 'left').
        var index = 0;
        while (index < cumulative.Length - 1 && cumulative[index] < half)
            index++;
        return errors[index];
    }

    /// <summary>The largest |y − ŷ|.</summary>
    /// <remarks>scikit-learn's <c>max_error</c> takes no sample weights, so neither does this.</remarks>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, or hold a non-finite value.</exception>
    public static double MaxError(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues)
    {
        Check(trueValues, predictedValues, default);
        var max = 0.0;
        for (var row = 0; row < trueValues.Length; row++)
            max = Math.Max(max, Math.Abs(trueValues[row] - predictedValues[row]));
        return max;
    }

    /// <summary>The coefficient of determination R² = 1 − SSres / SStot, with weights.</summary>
    /// <remarks>
    /// As scikit-learn 1.2 (<c>force_finite=True</c>): when the true values are constant (SStot = 0), the result is 1 for
    /// a perfect prediction and 0 otherwise, rather than NaN or −∞.
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer than two rows (R² is not well defined; scikit-learn returns NaN), or the inputs are invalid.</exception>
    public static double R2(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        var isWeighted = Check(trueValues, predictedValues, weights);
        if (trueValues.Length < 2)
            throw new ArgumentException("R² is not well defined with fewer than two rows (scikit-learn returns NaN); evaluate on more rows.", nameof(trueValues));
        var trueMean = MetricInputs.Mean(trueValues, weights);
        var residual = 0.0;
        var spread = 0.0;
        for (var row = 0; row < trueValues.Length; row++)
        {
            var weight = isWeighted ? weights[row] : 1.0;
            var error = trueValues[row] - predictedValues[row];
            var deviation = trueValues[row] - trueMean;
            residual += weight * error * error;
            spread += weight * deviation * deviation;
        }
        return Assemble(residual, spread);
    }

    /// <summary>Explained variance 1 − Var(y − ŷ) / Var(y), with weights.</summary>
    /// <remarks>Unlike R², a constant bias in the predictions is not penalized. Constant true values are handled as in <see cref="R2"/>.</remarks>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, hold a non-finite value, or a weight is invalid.</exception>
    public static double ExplainedVariance(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        Check(trueValues, predictedValues, weights);
        var differences = new double[trueValues.Length];
        for (var row = 0; row < differences.Length; row++)
            differences[row] = trueValues[row] - predictedValues[row];
        var differenceMean = MetricInputs.Mean(differences, weights);
        var trueMean = MetricInputs.Mean(trueValues, weights);
        var residual = new double[trueValues.Length];
        var spread = new double[trueValues.Length];
        for (var row = 0; row < differences.Length; row++)
        {
            var residualDeviation = differences[row] - differenceMean;
            var trueDeviation = trueValues[row] - trueMean;
            residual[row] = residualDeviation * residualDeviation;
            spread[row] = trueDeviation * trueDeviation;
        }
        return Assemble(MetricInputs.Mean(residual, weights), MetricInputs.Mean(spread, weights));
    }

    /// <summary>scikit-learn's <c>_assemble_r2_explained_variance</c> with <c>force_finite=True</c>.</summary>
    private static double Assemble(double numerator, double denominator)
    {
        if (numerator == 0)
            return 1.0;
        if (denominator == 0)
            return 0.0;
        return 1 - numerator / denominator;
    }

    private static bool Check(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights)
    {
        MetricInputs.RequireRows(trueValues.Length, nameof(trueValues));
        MetricInputs.RequireSameLength(trueValues.Length, predictedValues.Length, nameof(trueValues), nameof(predictedValues));
        MetricInputs.RequireFinite(trueValues, nameof(trueValues));
        MetricInputs.RequireFinite(predictedValues, nameof(predictedValues));
        return MetricInputs.CheckWeights(weights, trueValues.Length, nameof(weights));
    }
}
