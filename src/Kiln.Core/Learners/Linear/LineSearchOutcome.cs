namespace Kiln.Core.Learners.Linear;

// How a Moré–Thuente line search ended.
internal enum LineSearchOutcome
{
    // The step satisfies the strong Wolfe conditions.
    Converged,

    // No better step can be told apart in floating point (or the step hit a bound); the step is still usable, as in L-BFGS-B.
    Stalled,

    // The direction does not descend: φ'(0) ≥ 0.
    NotDescent,

    // The evaluation budget ran out first.
    TooManyEvaluations,
}
