namespace Kiln.Core.Learners.Linear;

// The options and fit record of a RidgeModel as its bundle stores them; every field is required.
internal sealed record RidgeState(double Alpha, bool FitIntercept, string[] Diagnostics);
