namespace Kiln.Core.Learners;

/// <summary>How far a fit has come.</summary>
/// <param name="Stage">What is being done ("tree", "epoch", "iteration").</param>
/// <param name="Completed">Units done.</param>
/// <param name="Total">Units planned, or 0 when unknown.</param>
public readonly record struct FitProgress(string Stage, long Completed, long Total);
