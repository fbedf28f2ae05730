namespace Kiln.Core.Learners.Linear;

/// <summary>Hyperparameters of <see cref="RidgeRegressor"/>: scikit-learn's <c>Ridge</c>.</summary>
public sealed record RidgeOptions
{
    /// <summary>The L2 penalty's strength: the fit minimizes Σ wᵢ (yᵢ − b − xᵢ·β)² + α‖β‖² (the intercept is not penalised).
    /// Larger values shrink the coefficients more; 0 is ordinary least squares.</summary>
    /// <value>Default 1, as in scikit-learn.</value>
    [Hyperparameter("alpha", Min = 1e-4, Max = 1e4, Log = true, Description = "Strength of the L2 penalty on the coefficients.")]
    public double Alpha { get; init; } = 1.0;

    /// <summary>Whether to fit an (unpenalised) intercept; without one the fitted plane passes through the origin.</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("fit_intercept", Description = "Whether to fit an (unpenalised) intercept.")]
    public bool FitIntercept { get; init; } = true;
}
