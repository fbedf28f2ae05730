namespace Kiln.Core.Learners.Linear;

// The options and fit record of a LinearRegressionModel as its bundle stores them; every field is required.
internal sealed record LinearRegressionState(bool FitIntercept, int Rank, string[] Diagnostics);
