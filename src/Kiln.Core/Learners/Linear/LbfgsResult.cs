namespace Kiln.Core.Learners.Linear;

// Where Lbfgs.Minimize stopped: the point, f and max |∇f| there, the iterations and evaluations spent, and why.
internal sealed record LbfgsResult(double[] Point, double Value, double GradientMaxNorm, int Iterations, int Evaluations, LbfgsStatus Status)
{
    public bool Converged => Status is LbfgsStatus.GradientConverged or LbfgsStatus.FunctionConverged;
}
