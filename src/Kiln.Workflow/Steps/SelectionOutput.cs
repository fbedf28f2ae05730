using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Steps;

/// <summary>The chosen candidate and its validation scores.</summary>
/// <param name="Candidate">The candidate as configured.</param>
/// <param name="Scores">Its validation scores.</param>
internal sealed record SelectionOutput(ResolvedCandidate Candidate, CandidateScores Scores);
