namespace Kiln.Core.Learners.Linear;

/// <summary>Hyperparameters of <see cref="LinearRegressor"/>: scikit-learn's <c>LinearRegression</c> (ordinary least squares).</summary>
public sealed record LinearRegressionOptions
{
    /// <summary>Whether to fit an intercept; without one the fitted plane passes through the origin.</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("fit_intercept", Description = "Whether to fit an intercept.")]
    public bool FitIntercept { get; init; } = true;
}
