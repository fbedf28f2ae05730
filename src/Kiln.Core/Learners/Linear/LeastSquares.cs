using System.Numerics.Tensors;

namespace Kiln.Core.Learners.Linear;

// Dense least squares and ridge through the singular value decomposition, robust to collinear columns:
//     minimize ‖A·x − b‖² + α‖x‖²  ⇒  x = Σⱼ vⱼ · σⱼ (uⱼ·b) / (σⱼ² + α),
// and for α = 0 the minimum-norm solution, dropping singular values at or below max(rows, columns) · ε · σ_max (NumPy's
// lstsq cut-off; SciPy's, which scikit-learn's LinearRegression uses, is ε · σ_max — the two agree unless a singular
// value falls between them, where any answer is dominated by rounding).
// A tall A is first reduced by a Householder QR (Golub and Van Loan, Matrix Computations, §5.2), A = Q·R, so that
// ‖A·x − b‖ = ‖R·x − Qᵀb‖ over the first `columns` rows; the small R (or a wide A as it is) is then diagonalized by
// one-sided Jacobi rotations (Hestenes, 1958; Demmel and Veselić, 1992), which orthogonalize its columns pairwise:
// W·V = U·Σ. Jacobi computes even tiny singular values to high relative accuracy, which is what a rank decision needs.
internal static class LeastSquares
{
    private const double Epsilon = LbfgsSettings.MachineEpsilon;
    private const int MaxSweeps = 60;

    // matrix: rows × columns, column-major (column j at [j · rows, (j + 1) · rows)); both arrays are overwritten.
    public static LeastSquaresSolution Solve(double[] matrix, int rows, int columns, double[] target, double alpha, CancellationToken cancellationToken)
    {
        double[] work;
        int workRows;
        double[] right;
        if (rows > columns)
        {
            var diagonal = HouseholderQr(matrix, rows, columns, target);
            work = UpperTriangle(matrix, rows, columns, diagonal);
            workRows = columns;
            right = target[..columns];
        }
        else
        {
            work = matrix;
            workRows = rows;
            right = target;
        }
        var rotations = Jacobi(work, workRows, columns, cancellationToken);

        var singularValues = new double[columns];
        var projections = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            var column = work.AsSpan(j * workRows, workRows);
            singularValues[j] = TensorPrimitives.Norm<double>(column);
            projections[j] = TensorPrimitives.Dot<double>(column, right);
        }
        var largest = columns == 0 ? 0 : TensorPrimitives.Max<double>(singularValues);
        var cutoff = Math.Max(rows, columns) * Epsilon * largest;
        var rank = 0;
        var solution = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            var kept = singularValues[j] > cutoff;
            if (kept)
                rank++;
            // vⱼ · σⱼ(uⱼ·b)/(σⱼ² + α), with σⱼ·uⱼ = the rotated column wⱼ.
            var scale = alpha > 0 ? projections[j] / ((singularValues[j] * singularValues[j]) + alpha)
                : kept ? projections[j] / (singularValues[j] * singularValues[j])
                : 0;
            if (scale != 0)
                TensorPrimitives.MultiplyAdd(rotations.AsSpan(j * columns, columns), scale, solution, solution);
        }
        // Largest first; a wide matrix has only `rows` of them (the other rotated columns are zero).
        Array.Sort(singularValues, (x, y) => y.CompareTo(x));
        return new LeastSquaresSolution(solution, singularValues[..Math.Min(rows, columns)], rank);
    }

    // Householder QR in place: below the diagonal each column ends up holding its reflector's vector; the diagonal of R
    // is returned; the reflectors are applied to target as they are made, so it ends up as Qᵀ·target.
    private static double[] HouseholderQr(double[] matrix, int rows, int columns, double[] target)
    {
        var diagonal = new double[columns];
        for (var k = 0; k < columns; k++)
        {
            var reflector = matrix.AsSpan((k * rows) + k, rows - k);
            var norm = TensorPrimitives.Norm<double>(reflector);
            if (norm == 0)
                continue;
            // x − αe₁ with α = −sign(x₀)‖x‖, so the subtraction never cancels.
            var alpha = reflector[0] > 0 ? -norm : norm;
            reflector[0] -= alpha;
            var squaredLength = TensorPrimitives.SumOfSquares<double>(reflector);
            for (var j = k + 1; j < columns; j++)
                Reflect(reflector, squaredLength, matrix.AsSpan((j * rows) + k, rows - k));
            Reflect(reflector, squaredLength, target.AsSpan(k, rows - k));
            diagonal[k] = alpha;
        }
        return diagonal;
    }

    // y ← (I − 2vvᵀ/vᵀv)·y
    private static void Reflect(ReadOnlySpan<double> reflector, double squaredLength, Span<double> values)
    {
        var factor = -2 * TensorPrimitives.Dot(reflector, values) / squaredLength;
        TensorPrimitives.MultiplyAdd(reflector, factor, values, values);
    }

    // R (columns × columns, column-major) from the packed QR: its strict upper triangle and the diagonal.
    private static double[] UpperTriangle(double[] matrix, int rows, int columns, double[] diagonal)
    {
        var result = new double[columns * columns];
        for (var j = 0; j < columns; j++)
        {
            matrix.AsSpan(j * rows, j).CopyTo(result.AsSpan(j * columns, j));
            result[(j * columns) + j] = diagonal[j];
        }
        return result;
    }

    // One-sided Jacobi: rotates pairs of columns of work (rows × columns) until every pair is orthogonal to working
    // precision, and returns V (columns × columns, column-major), the product of the rotations.
    private static double[] Jacobi(double[] work, int rows, int columns, CancellationToken cancellationToken)
    {
        var rotations = new double[columns * columns];
        for (var j = 0; j < columns; j++)
            rotations[(j * columns) + j] = 1;
        var scratch = new double[Math.Max(rows, columns)];
        var tolerance = Math.Max(rows, 1) * Epsilon;
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rotated = false;
            for (var p = 0; p < columns - 1; p++)
            {
                for (var q = p + 1; q < columns; q++)
                {
                    var first = work.AsSpan(p * rows, rows);
                    var second = work.AsSpan(q * rows, rows);
                    var alpha = TensorPrimitives.SumOfSquares<double>(first);
                    var beta = TensorPrimitives.SumOfSquares<double>(second);
                    var gamma = TensorPrimitives.Dot<double>(first, second);
                    if (gamma == 0 || Math.Abs(gamma) <= tolerance * Math.Sqrt(alpha) * Math.Sqrt(beta))
                        continue;
                    rotated = true;
                    // The rotation that zeroes the pair's inner product: tan θ is the smaller root of t² + 2ζt − 1 = 0.
                    var zeta = (beta - alpha) / (2 * gamma);
                    var tangent = (zeta >= 0 ? 1 : -1) / (Math.Abs(zeta) + double.Hypot(1, zeta));
                    var cosine = 1 / Math.Sqrt(1 + (tangent * tangent));
                    var sine = cosine * tangent;
                    Rotate(first, second, cosine, sine, scratch.AsSpan(0, rows));
                    Rotate(rotations.AsSpan(p * columns, columns), rotations.AsSpan(q * columns, columns), cosine, sine, scratch.AsSpan(0, columns));
                }
            }
            if (!rotated)
                break;
        }
        return rotations;
    }

    // (x, y) ← (c·x − s·y, s·x + c·y)
    private static void Rotate(Span<double> x, Span<double> y, double cosine, double sine, Span<double> scratch)
    {
        x.CopyTo(scratch);
        TensorPrimitives.Multiply<double>(x, cosine, x);
        TensorPrimitives.MultiplyAdd(y, -sine, x, x);
        TensorPrimitives.Multiply<double>(y, cosine, y);
        TensorPrimitives.MultiplyAdd(scratch, sine, y, y);
    }
}
