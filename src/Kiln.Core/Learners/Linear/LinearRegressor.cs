namespace Kiln.Core.Learners.Linear;

/// <summary>Ordinary least squares, as scikit-learn's <c>LinearRegression</c>: minimizes Σ wᵢ (yᵢ − b − xᵢ·β)² over the
/// intercept b and coefficients β.</summary>
/// <remarks>
/// <para>With an intercept the features and target are centred on their (weighted) means first. The least-squares problem
/// is solved by a Householder QR with column pivoting, never the normal equations, so nearly collinear features lose no
/// more accuracy than they must. When features are exactly collinear (a duplicated column, a constant column, more
/// columns than rows) many solutions fit equally well; the model takes the one of smallest norm, as scikit-learn's
/// <c>lstsq</c> does, and says so in <see cref="LinearRegressionModel.Diagnostics"/>.</para>
/// <para>Missing feature values are refused: impute them first. The fit is deterministic; it has no seed.</para>
/// </remarks>
public sealed class LinearRegressor : IEstimator<LinearRegressionModel>
{
    private const string LearnerName = "Linear regression";

    /// <summary>Creates the estimator.</summary>
    public LinearRegressor(LinearRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Creates the estimator with an intercept.</summary>
    public LinearRegressor()
        : this(new LinearRegressionOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public LinearRegressionOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, a feature is not numeric, or a feature value is missing or infinite.</exception>
    /// <exception cref="ArgumentException">The set has no rows or no features, or the sample weights sum to zero.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public LinearRegressionModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var result = CenteredLeastSquares.Fit(data, Options.FitIntercept, alpha: 0, LearnerName, context.CancellationToken);
        var columns = result.Coefficients.Length;
        string[] diagnostics = result.Rank < columns ? [RankDiagnostic(result.Rank, columns, Options.FitIntercept)] : [];
        return new LinearRegressionModel(Options, new LinearFunction(result.InputSchema, result.Coefficients, result.Intercept), result.Rank, diagnostics);
    }

    internal static string RankDiagnostic(int rank, int columns, bool centred) =>
        $"The features are collinear or constant: the {(centred ? "centred " : "")}design matrix has rank {rank} for {columns} columns, so many coefficient vectors fit equally well. " +
        "These are the one of smallest norm (as scikit-learn's lstsq gives). Drop the redundant columns, or use ridge, to make the coefficients unique.";
}
