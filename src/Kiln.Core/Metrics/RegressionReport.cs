namespace Kiln.Core.Metrics;

/// <summary>Every regression metric for one set of predictions, each a value or the reason it is undefined.</summary>
/// <remarks>
/// Names follow tests/reference/metrics_cases.json: mse, rmse, mae, r2, explained_variance, mape,
/// median_absolute_error, max_error. With sample weights, <c>max_error</c> is an error entry, because scikit-learn's
/// <c>max_error</c> takes no weights.
/// </remarks>
public sealed class RegressionReport : MetricReport
{
    private RegressionReport(MetricResult[] metrics)
        : base(metrics)
    {
    }

    /// <summary>Computes every regression metric.</summary>
    /// <param name="trueValues">The true value of each row.</param>
    /// <param name="predictedValues">The predicted value of each row.</param>
    /// <param name="weights">One non-negative sample weight per row, or empty.</param>
    /// <exception cref="ArgumentException">The inputs are empty, differ in length, hold a non-finite value, or a weight is invalid.</exception>
    public static RegressionReport Compute(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        // Validate the input as a whole first, so that only metric-specific failures become error entries.
        _ = RegressionMetrics.MeanSquaredError(trueValues, predictedValues, weights);
        var actual = trueValues.ToArray();
        var predicted = predictedValues.ToArray();
        var sampleWeights = weights.ToArray();
        MetricResult[] metrics =
        [
            Evaluate("mse", () => RegressionMetrics.MeanSquaredError(actual, predicted, sampleWeights)),
            Evaluate("rmse", () => RegressionMetrics.RootMeanSquaredError(actual, predicted, sampleWeights)),
            Evaluate("mae", () => RegressionMetrics.MeanAbsoluteError(actual, predicted, sampleWeights)),
            Evaluate("r2", () => RegressionMetrics.R2(actual, predicted, sampleWeights)),
            Evaluate("explained_variance", () => RegressionMetrics.ExplainedVariance(actual, predicted, sampleWeights)),
            Evaluate("mape", () => RegressionMetrics.MeanAbsolutePercentageError(actual, predicted, sampleWeights)),
            Evaluate("median_absolute_error", () => RegressionMetrics.MedianAbsoluteError(actual, predicted, sampleWeights)),
            sampleWeights.Length > 0
                ? MetricResult.FromError("max_error", "max_error takes no sample weights (scikit-learn's max_error has no sample_weight argument); compute it without weights.")
                : Evaluate("max_error", () => RegressionMetrics.MaxError(actual, predicted)),
        ];
        return new RegressionReport(metrics);
    }

    private static MetricResult Evaluate(string name, Func<double> compute)
    {
        try
        {
            return MetricResult.FromValue(name, compute());
        }
        catch (ArgumentException exception)
        {
            return MetricResult.FromError(name, MetricErrors.Message(exception));
        }
    }
}
