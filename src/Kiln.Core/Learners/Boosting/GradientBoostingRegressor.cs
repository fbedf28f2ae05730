namespace Kiln.Core.Learners.Boosting;

/// <summary>Gradient boosting of CART regression trees (Friedman, 2001), fitted as scikit-learn 1.2's <c>GradientBoostingRegressor</c>.</summary>
/// <remarks>
/// <para>
/// The model starts from the loss's prior (the mean for <c>squared_error</c>, the median for <c>absolute_error</c> and
/// <c>huber</c>, the alpha-quantile for <c>quantile</c>). Each of up to <c>n_estimators</c> stages fits a regression tree
/// to the loss's negative gradient, sets each leaf to the loss's estimate on its rows (the mean residual, the median
/// residual, Huber's one-step estimate, the residuals' alpha-quantile) and adds <c>learning_rate</c> × that value. With
/// <c>subsample</c> below 1 each stage fits on a random share of the rows drawn without replacement.
/// </para>
/// <para>
/// With <c>n_iter_no_change</c> set, the fit stops after the first stage whose validation loss is not below one of the
/// previous <c>n_iter_no_change</c> losses by <c>tol</c> (that stage is kept). The validation rows are
/// <see cref="FitContext.Validation"/> when given, else <c>validation_fraction</c> of the training rows held out at random.
/// The fit records <c>train_loss</c> per stage, <c>validation_loss</c> when there are validation rows, <c>oob_improvement</c>
/// with <c>subsample</c> below 1, and <c>best_step</c> when it stopped early.
/// </para>
/// <para>
/// The trees grow on features ranked once for the whole fit; <c>friedman_mse</c> scores a boundary by Friedman's
/// improvement, whose <c>min_impurity_decrease</c> scale is scikit-learn's (the weighted impurity decrease, not divided by
/// the total weight as for <c>squared_error</c>). Features must be numeric and finite when fitting; a missing value when
/// predicting follows the heavier child at each split.
/// </para>
/// </remarks>
public sealed class GradientBoostingRegressor : IEstimator<GradientBoostingRegressorModel>
{
    private static readonly string[] Losses =
    [
        GradientBoostingRegressorOptions.SquaredError, GradientBoostingRegressorOptions.AbsoluteError,
        GradientBoostingRegressorOptions.Huber, GradientBoostingRegressorOptions.Quantile,
    ];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message names it and its range.</exception>
    public GradientBoostingRegressor(GradientBoostingRegressorOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 100 stages of depth-3 trees on the squared error, learning rate 0.1.</summary>
    public GradientBoostingRegressor()
        : this(new GradientBoostingRegressorOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public GradientBoostingRegressorOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public GradientBoostingRegressorModel Fit(TrainingSet data, FitContext context) =>
        new(Options, GradientBoostingFit.Regression(data, context, Settings(Options)));

    internal static void Validate(GradientBoostingRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        GradientBoostingFit.Validate(Settings(options), Losses);
    }

    private static BoostingSettings Settings(GradientBoostingRegressorOptions options) => BoostingSettings.From(options, options.Alpha);
}
