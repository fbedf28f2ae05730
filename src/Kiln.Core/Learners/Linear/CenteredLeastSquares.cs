using System.Numerics.Tensors;

namespace Kiln.Core.Learners.Linear;

// The fit shared by LinearRegressor and RidgeRegressor, as scikit-learn 1.2 does it for dense input: with an intercept,
// centre every feature and the target on their (weighted) means, so the intercept needs no penalty and no column of
// ones; scale each row by √(sample weight), so Σ wᵢ (yᵢ − xᵢ·β)² becomes an ordinary sum of squares; solve; and recover
// the intercept as ȳ − x̄·β.
internal static class CenteredLeastSquares
{
    public static CenteredLeastSquaresResult Fit(TrainingSet data, bool fitIntercept, double alpha, string learner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var inputSchema = LinearInputs.Schema(data.Features, learner);
        var rows = data.RowCount;
        if (rows == 0)
            throw new ArgumentException($"The training set has no rows; {learner} needs at least one row with a target.", nameof(data));
        var target = data.NumericTarget();
        var weights = LinearInputs.Weights(data);
        var matrix = LinearInputs.GatherColumns(data, learner);
        var columns = inputSchema.Count;

        var featureMeans = new double[columns];
        var targetMean = 0.0;
        if (fitIntercept)
        {
            for (var j = 0; j < columns; j++)
            {
                var column = matrix.AsSpan(j * rows, rows);
                featureMeans[j] = Mean(column, weights);
                TensorPrimitives.Subtract(column, featureMeans[j], column);
            }
            targetMean = Mean(target, weights);
            TensorPrimitives.Subtract(target, targetMean, target);
        }
        if (weights is not null)
        {
            var roots = new double[rows];
            TensorPrimitives.Sqrt<double>(weights, roots);
            for (var j = 0; j < columns; j++)
                TensorPrimitives.Multiply<double>(matrix.AsSpan(j * rows, rows), roots, matrix.AsSpan(j * rows, rows));
            TensorPrimitives.Multiply<double>(target, roots, target);
        }

        var solution = LeastSquares.Solve(matrix, rows, columns, target, alpha, cancellationToken);
        var intercept = fitIntercept ? targetMean - TensorPrimitives.Dot<double>(featureMeans, solution.Coefficients) : 0;
        return new CenteredLeastSquaresResult(inputSchema, solution.Coefficients, intercept, solution.Rank);
    }

    private static double Mean(ReadOnlySpan<double> values, double[]? weights) => weights is null
        ? TensorPrimitives.Sum(values) / values.Length
        : TensorPrimitives.Dot(values, weights) / TensorPrimitives.Sum<double>(weights);
}
