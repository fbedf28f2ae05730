namespace Kiln.Core.Learners.Baseline;

/// <summary>A baseline regressor that ignores the features and predicts one statistic of the target, as scikit-learn's <c>DummyRegressor</c>.</summary>
/// <remarks>
/// With sample weights, <c>mean</c> is the weighted mean, and <c>median</c> and <c>quantile</c> are scikit-learn's
/// weighted percentile (the lowest value whose cumulative weight reaches the quantile, without interpolation).
/// Without weights, <c>median</c> is NumPy's median and <c>quantile</c> NumPy's linearly interpolated percentile.
/// </remarks>
public sealed class DummyRegressor : IEstimator<DummyRegressorModel>
{
    private static readonly string[] Strategies =
    [
        DummyRegressorOptions.Mean,
        DummyRegressorOptions.Median,
        DummyRegressorOptions.QuantileValue,
        DummyRegressorOptions.ConstantValue,
    ];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">The strategy is unknown, <c>quantile</c> has no quantile in [0, 1], or <c>constant</c> has no finite constant.</exception>
    public DummyRegressor(DummyRegressorOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with the default <c>mean</c> strategy.</summary>
    public DummyRegressor()
        : this(new DummyRegressorOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public DummyRegressorOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, or a feature is not numeric.</exception>
    /// <exception cref="ArgumentException">The set has no rows, or its weights sum to zero.</exception>
    public DummyRegressorModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "A baseline");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a regressor needs at least one row with a target.", nameof(data));
        var target = data.NumericTarget();
        var weights = data.SampleWeights();
        if (weights is not null && !(TargetStatistics.Sum(weights) > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to zero; at least one row needs a positive weight.", nameof(data));
        var value = Options.Strategy switch
        {
            DummyRegressorOptions.Mean => TargetStatistics.Mean(target, weights),
            DummyRegressorOptions.Median when weights is null => TargetStatistics.Median(target),
            DummyRegressorOptions.Median => TargetStatistics.WeightedPercentile(target, weights, 50.0),
            DummyRegressorOptions.QuantileValue when weights is null => TargetStatistics.Percentile(target, Options.Quantile!.Value * 100.0),
            DummyRegressorOptions.QuantileValue => TargetStatistics.WeightedPercentile(target, weights, Options.Quantile!.Value * 100.0),
            _ => Options.Constant!.Value,
        };
        return new DummyRegressorModel(Options, inputSchema, value);
    }

    internal static void Validate(DummyRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Strategies.Contains(options.Strategy, StringComparer.Ordinal))
            throw new ArgumentException($"Strategy '{options.Strategy}' is not one of {string.Join(", ", Strategies)}.", nameof(options));
        if (options.Strategy == DummyRegressorOptions.QuantileValue && options.Quantile is not (>= 0 and <= 1))
            throw new ArgumentException($"Strategy 'quantile' needs Quantile between 0 and 1; it is {options.Quantile?.ToString() ?? "not set"}.", nameof(options));
        if (options.Strategy == DummyRegressorOptions.ConstantValue && options.Constant is not { } constant)
            throw new ArgumentException("Strategy 'constant' needs Constant, the value to predict.", nameof(options));
        if (options.Constant is { } value && !double.IsFinite(value))
            throw new ArgumentException($"Constant is {value}; it must be a finite number.", nameof(options));
    }
}
