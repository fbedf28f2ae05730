namespace Kiln.Core.Learners.Linear;

// Why Lbfgs.Minimize stopped.
internal enum LbfgsStatus
{
    // The largest gradient component fell to the gradient tolerance.
    GradientConverged,

    // The objective's relative decrease over one iteration fell to the function tolerance.
    FunctionConverged,

    // The iteration limit was reached first.
    MaxIterations,

    // A line search failed even along the steepest-descent direction (the objective or its gradient is inaccurate).
    LineSearchFailed,
}
