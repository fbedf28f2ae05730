namespace Kiln.Core.Learners.Linear;

// How a LogisticRegressionModel's fit ended, as its bundle stores it.
internal sealed record LogisticRegressionFitState(bool Converged, int Iterations, double Loss, string[] Diagnostics);
