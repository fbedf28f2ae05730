namespace Kiln.Workflow.Runs;

/// <summary>One metric over the validation folds: its value in each fold, their mean and standard deviation.</summary>
/// <remarks>
/// The standard deviation is the population one (ddof = 0), as <c>np.std</c> computes it over scikit-learn's
/// <c>cross_validate</c> scores, so the numbers compare directly. When the metric is undefined in some fold (ROC AUC on a
/// fold's test rows that hold one class, say), that fold's value is <see langword="null"/>, the mean and deviation are
/// <see langword="null"/>, and <see cref="Error"/> says why.
/// </remarks>
/// <param name="Name">The metric's name (see <see cref="Core.Metrics.MetricCatalog"/>).</param>
/// <param name="Folds">The value in each fold, in fold order (repeat by repeat); <see langword="null"/> where undefined.</param>
/// <param name="Mean">The mean over the folds, or <see langword="null"/> when a fold has no value.</param>
/// <param name="Std">The population standard deviation over the folds, or <see langword="null"/> when a fold has no value.</param>
/// <param name="Error">Why a fold has no value, or <see langword="null"/>.</param>
public sealed record CvMetric(string Name, IReadOnlyList<double?> Folds, double? Mean, double? Std, string? Error)
{
    /// <summary>Summarizes per-fold values.</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="folds">The value in each fold, <see langword="null"/> where undefined.</param>
    /// <param name="error">The first reason a fold had no value, or <see langword="null"/>.</param>
    public static CvMetric FromFolds(string name, IReadOnlyList<double?> folds, string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0 || folds.Any(value => value is null))
            return new CvMetric(name, folds, null, null, error ?? "no fold has a value");
        var values = folds.Select(value => value!.Value).ToArray();
        var mean = values.Sum() / values.Length;
        var squares = 0.0;
        foreach (var value in values)
            squares += (value - mean) * (value - mean);
        return new CvMetric(name, folds, mean, Math.Sqrt(squares / values.Length), null);
    }
}
