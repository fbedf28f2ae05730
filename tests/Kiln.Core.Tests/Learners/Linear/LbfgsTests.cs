using System.Text.Json;
using Kiln.Core.Learners.Linear;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

public sealed class LbfgsTests
{
    private static readonly JsonElement[] ScipyCases = [.. ReferenceData.Load("linear.json").GetProperty("optimizer").EnumerateArray()];

    [Fact]
    public void Minimize_Rosenbrock_ReachesMinimumAtOneOne()
    {
        var settings = new LbfgsSettings { GradientTolerance = 1e-10, FunctionTolerance = 0, MaxIterations = 1000 };

        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], settings, CancellationToken.None);

        // Near (1, 1) the valley's curvature is ~1002 across and ~0.4 along it: a gradient of 1e-10 puts x within ~1e-9.
        Assert.Equal(LbfgsStatus.GradientConverged, result.Status);
        Assert.Equal(1.0, result.Point[0], 1e-8);
        Assert.Equal(1.0, result.Point[1], 1e-8);
        Assert.True(result.Value < 1e-18, $"f = {result.Value:R}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Minimize_Rosenbrock_TakesScipysIterations(int index)
    {
        // tests/reference/linear.py: SciPy 1.10.1's L-BFGS-B (unbounded, maxcor 10) on Rosenbrock from (−1.2, 1).
        // Without bounds L-BFGS-B computes the two-loop direction and takes the same Moré–Thuente steps, so the iteration
        // and evaluation counts are SciPy's exactly and the point agrees to rounding (1e-12; measured 2e-14).
        var reference = ScipyCases[index];
        var settings = new LbfgsSettings
        {
            GradientTolerance = reference.GetProperty("gtol").GetDouble(),
            FunctionTolerance = reference.GetProperty("ftol").GetDouble(),
            MaxIterations = 1000,
        };

        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], settings, CancellationToken.None);

        Assert.Equal(reference.GetProperty("nit").GetInt32(), result.Iterations);
        Assert.Equal(reference.GetProperty("nfev").GetInt32(), result.Evaluations);
        var expected = reference.GetProperty("x").EnumerateArray().Select(value => value.GetDouble()).ToArray();
        Assert.Equal(expected[0], result.Point[0], 1e-12);
        Assert.Equal(expected[1], result.Point[1], 1e-12);
    }

    [Fact]
    public void Minimize_ConvexQuadratic_ReachesItsMinimum()
    {
        // f(x) = ½ (x − t)ᵀ A (x − t) with A = tridiag(−1, 4, −1) (10 × 10, eigenvalues in (2, 6)) and t_i = i − 4.5:
        // the minimum is t, where f = 0, so f keeps its relative precision all the way down.
        const int Size = 10;
        var target = Enumerable.Range(0, Size).Select(i => i - 4.5).ToArray();
        double Quadratic(ReadOnlySpan<double> x, Span<double> gradient)
        {
            var offset = new double[Size];
            for (var i = 0; i < Size; i++)
                offset[i] = x[i] - target[i];
            var product = Multiply(offset);
            var value = 0.0;
            for (var i = 0; i < Size; i++)
            {
                gradient[i] = product[i];
                value += 0.5 * offset[i] * product[i];
            }
            return value;
        }
        var settings = new LbfgsSettings { GradientTolerance = 1e-12, FunctionTolerance = 0 };

        var result = Lbfgs.Minimize(Quadratic, new double[Size], settings, CancellationToken.None);

        // ‖x − t‖∞ ≤ ‖A⁻¹‖₂ · ‖∇f‖₂ ≤ 0.5 · √10 · 1e-12 < 2e-12.
        Assert.Equal(LbfgsStatus.GradientConverged, result.Status);
        for (var i = 0; i < Size; i++)
            Assert.Equal(target[i], result.Point[i], 2e-12);
    }

    [Fact]
    public void Minimize_StartAtMinimum_StopsWithoutIterating()
    {
        var result = Lbfgs.Minimize(Rosenbrock, [1.0, 1.0], new LbfgsSettings(), CancellationToken.None);

        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
        Assert.Equal(LbfgsStatus.GradientConverged, result.Status);
    }

    [Fact]
    public void Minimize_IterationLimit_StopsWithMaxIterationsStatus()
    {
        var settings = new LbfgsSettings { MaxIterations = 5, GradientTolerance = 1e-10, FunctionTolerance = 0 };

        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], settings, CancellationToken.None);

        Assert.Equal(LbfgsStatus.MaxIterations, result.Status);
        Assert.Equal(5, result.Iterations);
        Assert.False(result.Converged);
        Assert.True(result.GradientMaxNorm > 1e-10);
    }

    [Fact]
    public void Minimize_ReportsEveryIterationWithDecreasingValues()
    {
        var reported = new List<(int Iteration, double Value)>();

        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsSettings(), CancellationToken.None, (iteration, value) => reported.Add((iteration, value)));

        Assert.Equal(Enumerable.Range(1, result.Iterations), reported.Select(entry => entry.Iteration));
        for (var i = 1; i < reported.Count; i++)
            Assert.True(reported[i].Value <= reported[i - 1].Value, $"f rose at iteration {reported[i].Iteration}.");
        Assert.Equal(result.Value, reported[^1].Value);
    }

    [Fact]
    public void Minimize_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsSettings(), cancellation.Token));
    }

    [Fact]
    public void Minimize_WrongGradient_StopsWithLineSearchFailed()
    {
        // The gradient's sign is flipped, so −∇f climbs: no step along it decreases f.
        static double Upside(ReadOnlySpan<double> x, Span<double> gradient)
        {
            gradient[0] = -2 * x[0];
            return x[0] * x[0];
        }

        var result = Lbfgs.Minimize(Upside, [3.0], new LbfgsSettings(), CancellationToken.None);

        Assert.Equal(LbfgsStatus.LineSearchFailed, result.Status);
        Assert.Equal(3.0, result.Point[0]);
    }

    private static double Rosenbrock(ReadOnlySpan<double> point, Span<double> gradient)
    {
        var (x, y) = (point[0], point[1]);
        gradient[0] = (-2 * (1 - x)) - (400 * x * (y - (x * x)));
        gradient[1] = 200 * (y - (x * x));
        return ((1 - x) * (1 - x)) + (100 * (y - (x * x)) * (y - (x * x)));
    }

    private static double[] Multiply(double[] x)
    {
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
            result[i] = (4 * x[i]) - (i > 0 ? x[i - 1] : 0) - (i + 1 < x.Length ? x[i + 1] : 0);
        return result;
    }
}
