namespace Kiln.Core.Learners.Linear;

// The end of one line search: the outcome, the step taken, φ and φ' there, and the number of function evaluations.
internal readonly record struct LineSearchResult(LineSearchOutcome Outcome, double Step, double Value, double Slope, int Evaluations)
{
    public bool Accepted => Outcome is LineSearchOutcome.Converged or LineSearchOutcome.Stalled;
}
