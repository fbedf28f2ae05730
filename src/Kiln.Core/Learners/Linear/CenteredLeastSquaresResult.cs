using Kiln.Core.Data;

namespace Kiln.Core.Learners.Linear;

// What CenteredLeastSquares.Fit found: the input schema, coefficients, intercept, and the numerical rank of the centred,
// weighted design matrix.
internal sealed record CenteredLeastSquaresResult(Schema InputSchema, double[] Coefficients, double Intercept, int Rank);
