namespace Kiln.Core.Learners.Linear;

// The knobs of Lbfgs.Minimize, with SciPy's L-BFGS-B defaults where it has one.
internal sealed record LbfgsSettings
{
    // SciPy's default ftol: factr 1e7 times the machine epsilon 2^-52.
    public const double ScipyFunctionTolerance = 1e7 * MachineEpsilon;

    public const double MachineEpsilon = 2.220446049250313e-16;

    // The number of correction pairs kept (SciPy's maxcor, m).
    public int Memory { get; init; } = 10;

    // Iterations (accepted steps) before giving up (SciPy's maxiter; scikit-learn's max_iter).
    public int MaxIterations { get; init; } = 15000;

    // Stop when max |∂f/∂x_i| ≤ this (SciPy's gtol / pgtol; scikit-learn's tol).
    public double GradientTolerance { get; init; } = 1e-5;

    // Stop when (f_old − f_new) / max(|f_old|, |f_new|, 1) ≤ this (SciPy's ftol); 0 stops only when f no longer decreases.
    public double FunctionTolerance { get; init; } = ScipyFunctionTolerance;

    // Function evaluations allowed in one line search (SciPy's maxls).
    public int MaxLineSearchEvaluations { get; init; } = 20;
}
