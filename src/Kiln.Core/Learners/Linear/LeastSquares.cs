using System.Numerics.Tensors;

namespace Kiln.Core.Learners.Linear;

// Dense least squares and ridge by orthogonal factorizations, never the normal equations (whose condition number is the
// square of the matrix's), following Golub and Van Loan, Matrix Computations (4th ed.), §5.2–5.5:
// - ridge, minimize ‖A·x − b‖² + α‖x‖² with α > 0: Householder QR of the stacked matrix [A; √α·I] (full rank by
//   construction), then back substitution;
// - least squares (α = 0): Householder QR with column pivoting, A·P = Q·R, whose diagonal reveals the numerical rank r
//   (|R_kk| > max(rows, columns) · ε · |R_00|, NumPy's lstsq cut-off); with full rank, back substitution; otherwise the
//   complete orthogonal decomposition [R11 R12] = [T 0]·Zᵀ (a second QR, of [R11 R12]ᵀ) gives the minimum-norm solution
//   that scikit-learn's lstsq (LAPACK's SVD-based gelsd) returns. This is LAPACK's xGELSY.
// Matrices are column-major (column j at [j · rows, (j + 1) · rows)), so each reflection is a few vector operations.
internal static class LeastSquares
{
    private const double Epsilon = LbfgsSettings.MachineEpsilon;

    // Both arrays are overwritten.
    public static LeastSquaresSolution Solve(double[] matrix, int rows, int columns, double[] target, double alpha, CancellationToken cancellationToken) =>
        alpha > 0 ? SolveRidge(matrix, rows, columns, target, alpha, cancellationToken) : SolveMinimumNorm(matrix, rows, columns, target, cancellationToken);

    private static LeastSquaresSolution SolveRidge(double[] matrix, int rows, int columns, double[] target, double alpha, CancellationToken cancellationToken)
    {
        // [A; √α·I] x ≈ [b; 0]
        var stackedRows = rows + columns;
        var stacked = new double[stackedRows * columns];
        var root = Math.Sqrt(alpha);
        for (var j = 0; j < columns; j++)
        {
            matrix.AsSpan(j * rows, rows).CopyTo(stacked.AsSpan(j * stackedRows, rows));
            stacked[(j * stackedRows) + rows + j] = root;
        }
        var right = new double[stackedRows];
        target.CopyTo(right, 0);
        var diagonal = new double[columns];
        for (var k = 0; k < columns; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            diagonal[k] = Householder(stacked, stackedRows, columns, k, right);
        }
        var solution = right[..columns];
        BackSubstitute(stacked, stackedRows, diagonal, columns, solution);
        return new LeastSquaresSolution(solution, columns);
    }

    private static LeastSquaresSolution SolveMinimumNorm(double[] matrix, int rows, int columns, double[] target, CancellationToken cancellationToken)
    {
        var steps = Math.Min(rows, columns);
        var permutation = new int[columns];
        for (var j = 0; j < columns; j++)
            permutation[j] = j;
        var diagonal = new double[steps];
        var scratch = new double[rows];
        for (var k = 0; k < steps; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Bring the column with the largest norm below row k to position k (norms recomputed, not downdated, so no
            // cancellation creeps in).
            var best = k;
            var bestNorm = -1.0;
            for (var j = k; j < columns; j++)
            {
                var norm = TensorPrimitives.SumOfSquares<double>(matrix.AsSpan((j * rows) + k, rows - k));
                if (norm > bestNorm)
                {
                    best = j;
                    bestNorm = norm;
                }
            }
            if (best != k)
            {
                var first = matrix.AsSpan(k * rows, rows);
                var second = matrix.AsSpan(best * rows, rows);
                first.CopyTo(scratch);
                second.CopyTo(first);
                scratch.CopyTo(second);
                (permutation[k], permutation[best]) = (permutation[best], permutation[k]);
            }
            diagonal[k] = Householder(matrix, rows, columns, k, target);
        }

        var cutoff = Math.Max(rows, columns) * Epsilon * (steps == 0 ? 0 : Math.Abs(diagonal[0]));
        var rank = 0;
        while (rank < steps && Math.Abs(diagonal[rank]) > cutoff)
            rank++;

        var permuted = new double[columns];
        if (rank == columns)
        {
            target.AsSpan(0, columns).CopyTo(permuted);
            BackSubstitute(matrix, rows, diagonal, columns, permuted);
        }
        else if (rank > 0)
        {
            MinimumNormFromTrapezoid(matrix, rows, columns, diagonal, rank, target.AsSpan(0, rank), permuted);
        }
        var solution = new double[columns];
        for (var j = 0; j < columns; j++)
            solution[permutation[j]] = permuted[j];
        return new LeastSquaresSolution(solution, rank);
    }

    // Reflects column k of the matrix below row k onto a multiple of e_k, applies the reflection to the later columns and
    // to `right`, and returns R_kk. The reflector's vector is left in place of the column below (and on) the diagonal.
    private static double Householder(double[] matrix, int rows, int columns, int k, Span<double> right)
    {
        var reflector = matrix.AsSpan((k * rows) + k, rows - k);
        var norm = TensorPrimitives.Norm<double>(reflector);
        if (norm == 0)
            return 0;
        // x − αe₁ with α = −sign(x₀)‖x‖, so the subtraction never cancels.
        var alpha = reflector[0] > 0 ? -norm : norm;
        reflector[0] -= alpha;
        var squaredLength = TensorPrimitives.SumOfSquares<double>(reflector);
        for (var j = k + 1; j < columns; j++)
            Reflect(reflector, squaredLength, matrix.AsSpan((j * rows) + k, rows - k));
        Reflect(reflector, squaredLength, right[k..rows]);
        return alpha;
    }

    // y ← (I − 2vvᵀ/vᵀv)·y
    private static void Reflect(ReadOnlySpan<double> reflector, double squaredLength, Span<double> values)
    {
        var factor = -2 * TensorPrimitives.Dot(reflector, values) / squaredLength;
        TensorPrimitives.MultiplyAdd(reflector, factor, values, values);
    }

    // Solves R·x = x in place for the upper-triangular R of a packed QR (strict upper triangle in the matrix, diagonal apart).
    private static void BackSubstitute(double[] matrix, int rows, double[] diagonal, int size, Span<double> values)
    {
        for (var i = size - 1; i >= 0; i--)
        {
            var sum = values[i];
            for (var j = i + 1; j < size; j++)
                sum -= matrix[(j * rows) + i] * values[j];
            values[i] = sum / diagonal[i];
        }
    }

    // The minimum-norm z with [R11 R12]·z = c, for the first `rank` rows of a packed, pivoted QR: factor
    // [R11 R12]ᵀ = Z·[T; 0] by Householder (T upper triangular, rank × rank), so [R11 R12] = [Tᵀ 0]·Zᵀ; solve Tᵀ·w = c;
    // then z = Z·[w; 0], which is orthogonal to the null space.
    private static void MinimumNormFromTrapezoid(double[] matrix, int rows, int columns, double[] diagonal, int rank, ReadOnlySpan<double> right, Span<double> solution)
    {
        // Column i of the transpose is row i of [R11 R12]: zeros left of the diagonal, R_ii, then the strict upper row.
        var transpose = new double[columns * rank];
        for (var i = 0; i < rank; i++)
        {
            transpose[(i * columns) + i] = diagonal[i];
            for (var j = i + 1; j < columns; j++)
                transpose[(i * columns) + j] = matrix[(j * rows) + i];
        }
        var triangle = new double[rank];
        var unused = new double[columns];
        for (var k = 0; k < rank; k++)
            triangle[k] = Householder(transpose, columns, rank, k, unused);

        // Tᵀ·w = c by forward substitution: T's strict upper triangle sits above the diagonal of the packed transpose.
        for (var i = 0; i < rank; i++)
        {
            var sum = right[i];
            for (var j = 0; j < i; j++)
                sum -= transpose[(i * columns) + j] * solution[j];
            solution[i] = sum / triangle[i];
        }
        solution[rank..].Clear();
        // z = H₀·H₁·…·H_{rank−1}·[w; 0]: the reflectors, last first.
        for (var k = rank - 1; k >= 0; k--)
        {
            var reflector = transpose.AsSpan((k * columns) + k, columns - k);
            var squaredLength = TensorPrimitives.SumOfSquares<double>(reflector);
            if (squaredLength > 0)
                Reflect(reflector, squaredLength, solution[k..]);
        }
    }
}
