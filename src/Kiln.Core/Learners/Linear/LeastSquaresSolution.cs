namespace Kiln.Core.Learners.Linear;

// The coefficients LeastSquares.Solve found, the singular values of the matrix it was given (largest first), and its
// numerical rank.
internal sealed record LeastSquaresSolution(double[] Coefficients, double[] SingularValues, int Rank);
