namespace Kiln.Core.Learners.Baseline;

// The options of a DummyClassifierModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record DummyClassifierState(string Strategy, string? Constant, ulong Seed);
