using Kiln.Core.Learners;

namespace Kiln.Workflow;

/// <summary>The task inferred from a target column, and why, in words for kiln.yaml comments and logs.</summary>
/// <param name="Task">Classification or regression.</param>
/// <param name="Reason">Why, e.g. <c>'species' holds text with 3 distinct values</c>.</param>
public sealed record TaskGuess(LearnerTask Task, string Reason);
