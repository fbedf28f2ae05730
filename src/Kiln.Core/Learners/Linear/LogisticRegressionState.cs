namespace Kiln.Core.Learners.Linear;

// The options of a LogisticRegressionModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record LogisticRegressionState(double InverseRegularization, int MaxIterations, double Tolerance, double FunctionTolerance, bool FitIntercept, string ClassWeight);
