namespace Kiln.Core.Learners.Linear;

/// <summary>Ridge regression, as scikit-learn's <c>Ridge</c>: least squares with an L2 penalty α‖β‖² on the coefficients.</summary>
/// <remarks>
/// <para>With an intercept the features and target are centred on their (weighted) means first, so the intercept is not
/// penalised. The solution comes from a Householder QR of the design matrix stacked on √α·I, not from the normal equations
/// XᵀX + αI, so it keeps its accuracy when features are nearly collinear; it works with more columns than rows. With
/// α = 0 it is <see cref="LinearRegressor"/>'s minimum-norm least squares.</para>
/// <para>The penalty treats every coefficient alike, so features on very different scales are penalised unevenly:
/// standardize them first. Missing feature values are refused: impute them first. The fit is deterministic.</para>
/// </remarks>
public sealed class RidgeRegressor : IEstimator<RidgeModel>
{
    private const string LearnerName = "Ridge regression";

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">Alpha is negative or not finite.</exception>
    public RidgeRegressor(RidgeOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with α = 1 and an intercept.</summary>
    public RidgeRegressor()
        : this(new RidgeOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public RidgeOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, a feature is not numeric, or a feature value is missing or infinite.</exception>
    /// <exception cref="ArgumentException">The set has no rows or no features, or the sample weights sum to zero.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public RidgeModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var result = CenteredLeastSquares.Fit(data, Options.FitIntercept, Options.Alpha, LearnerName, context.CancellationToken);
        var columns = result.Coefficients.Length;
        string[] diagnostics = Options.Alpha == 0 && result.Rank < columns ? [LinearRegressor.RankDiagnostic(result.Rank, columns, Options.FitIntercept)] : [];
        return new RidgeModel(Options, new LinearFunction(result.InputSchema, result.Coefficients, result.Intercept), diagnostics);
    }

    internal static void Validate(RidgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Alpha >= 0) || !double.IsFinite(options.Alpha))
            throw new ArgumentException($"alpha is {options.Alpha}; it must be a finite number, 0 or more (1 is scikit-learn's default).", nameof(options));
    }
}
