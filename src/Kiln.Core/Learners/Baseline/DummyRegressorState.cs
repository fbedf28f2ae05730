namespace Kiln.Core.Learners.Baseline;

// The options of a DummyRegressorModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record DummyRegressorState(string Strategy, double? Quantile, double? Constant);
