namespace Kiln.Core.Learners.Boosting;

/// <summary>Gradient boosting of CART regression trees on the log loss (Friedman, 2001), fitted as scikit-learn 1.2's <c>GradientBoostingClassifier</c>.</summary>
/// <remarks>
/// <para>
/// With two classes the model boosts one score, the log-odds of the second class, with one tree per stage; with K ≥ 3
/// classes it boosts K scores with K trees per stage and turns them into probabilities with the softmax. It starts from
/// the log of the (weighted) class shares, each tree fits the residual 1{y = k} − p_k, and each leaf takes one Newton
/// step. With <c>subsample</c> below 1 each stage fits on a random share of the rows drawn without replacement.
/// </para>
/// <para>
/// With <c>n_iter_no_change</c> set, the fit stops after the first stage whose validation loss is not below one of the
/// previous <c>n_iter_no_change</c> losses by <c>tol</c> (that stage is kept). The validation rows are
/// <see cref="FitContext.Validation"/> when given, else <c>validation_fraction</c> of the training rows held out at random,
/// stratified by class. The loss compared is scikit-learn's: for two classes its binomial deviance, twice the log loss.
/// The fit records the mean log loss as <c>train_loss</c> per stage, <c>validation_loss</c> when there are validation
/// rows, <c>oob_improvement</c> with <c>subsample</c> below 1, and <c>best_step</c> when it stopped early.
/// </para>
/// <para>Features must be numeric and finite when fitting; a missing value when predicting follows the heavier child at each split.</para>
/// </remarks>
public sealed class GradientBoostingClassifier : IEstimator<GradientBoostingClassifierModel>
{
    private static readonly string[] Losses = [GradientBoostingClassifierOptions.LogLoss];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message names it and its range.</exception>
    public GradientBoostingClassifier(GradientBoostingClassifierOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 100 stages of depth-3 trees on the log loss, learning rate 0.1.</summary>
    public GradientBoostingClassifier()
        : this(new GradientBoostingClassifierOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public GradientBoostingClassifierOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows or one class, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public GradientBoostingClassifierModel Fit(TrainingSet data, FitContext context)
    {
        var (classes, ensemble) = GradientBoostingFit.Classification(data, context, Settings(Options));
        return new GradientBoostingClassifierModel(Options, classes, ensemble);
    }

    internal static void Validate(GradientBoostingClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        GradientBoostingFit.Validate(Settings(options), Losses);
    }

    // scikit-learn's classifier has no alpha; 0.9 (its regressor's default) passes the shared range check unused.
    private static BoostingSettings Settings(GradientBoostingClassifierOptions options) => BoostingSettings.From(options, alpha: 0.9);
}
