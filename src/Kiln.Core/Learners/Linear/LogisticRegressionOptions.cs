namespace Kiln.Core.Learners.Linear;

/// <summary>Hyperparameters of <see cref="LogisticRegressionClassifier"/>: scikit-learn's <c>LogisticRegression</c> with the
/// <c>lbfgs</c> solver, its L2 penalty and <c>multi_class='auto'</c>.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>No class weights: every row weighs its sample weight (scikit-learn's <c>class_weight=None</c>).</summary>
    public const string NoClassWeight = "none";

    /// <summary>Class weights n / (k · nᶜ), from the training rows' class counts, so every class weighs the same in total
    /// (scikit-learn's <c>class_weight='balanced'</c>; sample weights do not enter the counts).</summary>
    public const string BalancedClassWeight = "balanced";

    /// <summary>The inverse of the L2 regularization strength, scikit-learn's <c>C</c>: the fit minimizes
    /// C · Σ sᵢ · log-loss + ½ ‖w‖² (the intercepts are not penalised). Smaller values regularize more.</summary>
    /// <value>Default 1, as in scikit-learn.</value>
    [Hyperparameter("C", Min = 1e-4, Max = 1e4, Log = true, Description = "Inverse of the L2 regularization strength; smaller regularizes more.")]
    public double InverseRegularization { get; init; } = 1.0;

    /// <summary>The most L-BFGS iterations. A fit that stops here without converging says so in <see cref="LogisticRegressionModel.Diagnostics"/>.</summary>
    /// <value>Default 100, as in scikit-learn.</value>
    [Hyperparameter("max_iter", Min = 10, Max = 10000, Log = true, Description = "The most L-BFGS iterations.")]
    public int MaxIterations { get; init; } = 100;

    /// <summary>Convergence tolerance: L-BFGS stops when the largest absolute component of the objective's gradient is at most
    /// this (SciPy's <c>pgtol</c>, which scikit-learn's <c>tol</c> sets).</summary>
    /// <value>Default 1e-4, as in scikit-learn.</value>
    [Hyperparameter("tol", Min = 1e-8, Max = 1e-2, Log = true, Description = "Stop when the largest gradient component is at most this.")]
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Whether to fit an intercept per logit (not penalised); without one the decision surfaces pass through the origin.</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("fit_intercept", Description = "Whether to fit an (unpenalised) intercept.")]
    public bool FitIntercept { get; init; } = true;

    /// <summary>The class weights: <c>none</c> or <c>balanced</c>.</summary>
    /// <value>Default <c>none</c>.</value>
    [Hyperparameter("class_weight", Choices = [NoClassWeight, BalancedClassWeight], Description = "none, or balanced to weigh classes inversely to their frequency.")]
    public string ClassWeight { get; init; } = NoClassWeight;

    /// <summary>L-BFGS also stops when an iteration lowers the objective by at most this, relative to max(|f|, 1) (SciPy's
    /// <c>ftol</c>, which scikit-learn leaves at its default). 0 turns the test off, so only <see cref="Tolerance"/>, a stalled
    /// line search or <see cref="MaxIterations"/> end the fit.</summary>
    /// <value>Default 2.220446049250313e-9 (SciPy's factr 1e7 times the machine epsilon), as scikit-learn runs it.</value>
    public double FunctionTolerance { get; init; } = LbfgsSettings.ScipyFunctionTolerance;
}
