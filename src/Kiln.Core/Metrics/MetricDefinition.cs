namespace Kiln.Core.Metrics;

/// <summary>Scores classification predictions.</summary>
internal delegate double ClassificationScorer(in ClassificationPredictions predictions);

/// <summary>Scores regression predictions; <paramref name="weights"/> is empty when unweighted.</summary>
internal delegate double RegressionScorer(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights);

/// <summary>A metric known by name: what it scores, which direction is better, and how to compute it.</summary>
public sealed class MetricDefinition
{
    private readonly ClassificationScorer? _classification;
    private readonly RegressionScorer? _regression;

    private MetricDefinition(string name, MetricTask task, bool greaterIsBetter, bool needsProbabilities, string description, ClassificationScorer? classification, RegressionScorer? regression)
    {
        Name = name;
        Task = task;
        GreaterIsBetter = greaterIsBetter;
        NeedsProbabilities = needsProbabilities;
        Description = description;
        _classification = classification;
        _regression = regression;
    }

    /// <summary>The metric's name (e.g. <c>f1_macro</c>, <c>rmse</c>).</summary>
    public string Name { get; }

    /// <summary>Whether the metric scores classifications or regressions.</summary>
    public MetricTask Task { get; }

    /// <summary>Whether a larger value is a better model (accuracy, R²) rather than a smaller one (log loss, RMSE).</summary>
    public bool GreaterIsBetter { get; }

    /// <summary>Whether the metric needs class probabilities rather than only predicted classes.</summary>
    public bool NeedsProbabilities { get; }

    /// <summary>One sentence saying what the metric measures.</summary>
    public string Description { get; }

    /// <summary>Scores classification predictions.</summary>
    /// <exception cref="InvalidOperationException">This is a regression metric.</exception>
    /// <exception cref="ArgumentException">The input is invalid, or the metric is undefined or does not apply to it (for example a binary metric on three classes).</exception>
    public double Score(in ClassificationPredictions predictions)
    {
        if (_classification is null)
            throw new InvalidOperationException($"'{Name}' is a regression metric; it scores numbers, not class predictions.");
        if (NeedsProbabilities && predictions.Probabilities.IsEmpty)
            throw new ArgumentException($"'{Name}' needs class probabilities, but none were given.", nameof(predictions));
        return _classification(predictions);
    }

    /// <summary>Scores regression predictions.</summary>
    /// <exception cref="InvalidOperationException">This is a classification metric.</exception>
    /// <exception cref="ArgumentException">The input is invalid, or the metric does not accept it (max_error with weights).</exception>
    public double Score(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues, ReadOnlySpan<double> weights = default)
    {
        if (_regression is null)
            throw new InvalidOperationException($"'{Name}' is a classification metric; it scores class predictions, not numbers.");
        return _regression(trueValues, predictedValues, weights);
    }

    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> by this metric.</summary>
    public bool IsBetter(double candidate, double incumbent) => GreaterIsBetter ? candidate > incumbent : candidate < incumbent;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Task}, {(GreaterIsBetter ? "greater" : "smaller")} is better)";

    internal static MetricDefinition ForClassification(string name, bool greaterIsBetter, bool needsProbabilities, string description, ClassificationScorer scorer) =>
        new(name, MetricTask.Classification, greaterIsBetter, needsProbabilities, description, scorer, null);

    internal static MetricDefinition ForRegression(string name, bool greaterIsBetter, string description, RegressionScorer scorer) =>
        new(name, MetricTask.Regression, greaterIsBetter, needsProbabilities: false, description, null, scorer);
}
