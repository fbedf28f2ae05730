namespace Kiln.Core.Learners.Linear;

// The coefficients LeastSquares.Solve found and the numerical rank of the matrix it was given (the column count for ridge).
internal sealed record LeastSquaresSolution(double[] Coefficients, int Rank);
