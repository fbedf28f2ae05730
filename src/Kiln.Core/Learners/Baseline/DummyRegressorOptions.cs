namespace Kiln.Core.Learners.Baseline;

/// <summary>Hyperparameters of <see cref="DummyRegressor"/>: which statistic of the target it predicts (scikit-learn's <c>DummyRegressor</c>).</summary>
public sealed record DummyRegressorOptions
{
    /// <summary>Predict the (weighted) mean of the target.</summary>
    public const string Mean = "mean";

    /// <summary>Predict the median of the target (a weighted percentile when there are weights).</summary>
    public const string Median = "median";

    /// <summary>Predict the <see cref="Quantile"/> of the target (a weighted percentile when there are weights).</summary>
    public const string QuantileValue = "quantile";

    /// <summary>Predict <see cref="Constant"/>.</summary>
    public const string ConstantValue = "constant";

    /// <summary>The statistic predicted: <c>mean</c>, <c>median</c>, <c>quantile</c> or <c>constant</c>.</summary>
    /// <value>Default <c>mean</c>, as in scikit-learn.</value>
    [Hyperparameter("strategy", Choices = [Mean, Median, QuantileValue, ConstantValue], Description = "Which statistic of the target the baseline predicts.")]
    public string Strategy { get; init; } = Mean;

    /// <summary>The quantile predicted by the <c>quantile</c> strategy, in [0, 1].</summary>
    /// <value>Default <see langword="null"/>; required by <c>quantile</c>.</value>
    [Hyperparameter("quantile", Min = 0, Max = 1, Description = "The quantile the quantile strategy predicts.")]
    public double? Quantile { get; init; }

    /// <summary>The value predicted by the <c>constant</c> strategy.</summary>
    /// <value>Default <see langword="null"/>; required by <c>constant</c>.</value>
    [Hyperparameter("constant", Description = "The value the constant strategy predicts.")]
    public double? Constant { get; init; }
}
