namespace Kiln.Workflow.Caching;

/// <summary>One look-up or store in the fit cache during a run, for <c>steps/cache.json</c> and progress lines.</summary>
/// <param name="Kind"><c>fold</c> or <c>refit</c>.</param>
/// <param name="Candidate">The candidate's label.</param>
/// <param name="Fold">The fold's index in its repeat, for a fold.</param>
/// <param name="Repeat">The repeat's index, for a fold.</param>
/// <param name="Key">The fit's key.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="ResumedFrom">For a stored fit, the checkpoint step it resumed from, or <see langword="null"/> when it started afresh.</param>
internal sealed record CacheEvent(string Kind, string Candidate, int? Fold, int? Repeat, string Key, CacheOutcome Outcome, long? ResumedFrom);
