using System.Text.Json;
using Kiln.Core.Learners.Linear;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

public sealed class MoreThuenteLineSearchTests
{
    private static readonly JsonElement[] Cases = [.. ReferenceData.Load("linear.json").GetProperty("line_search").EnumerateArray()];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Search_MoreThuenteTestFunctions_TriesMinpackDcsrchSteps(int index)
    {
        // tests/reference/linear.py: MINPACK-2's dcsrch (through SciPy 1.10.1) on functions 1–3 of Moré and Thuente (1994)
        // from their four starting steps, with L-BFGS-B's tolerances and with strict ones. Every trial step must be dcsrch's
        // bit for bit (the same operations in the same order, and the reference evaluates sin and cos with the C library,
        // as .NET does), and the search must end the same way.
        var reference = Cases[index];
        var phi = TestFunction(reference.GetProperty("function").GetInt32());
        var expectedTrials = reference.GetProperty("trials").EnumerateArray().Select(step => step.GetDouble()).ToArray();
        var trials = new List<double>();
        MoreThuenteLineSearch.LineFunction recorded = (double step, out double slope) =>
        {
            trials.Add(step);
            return phi(step, out slope);
        };
        var value0 = phi(0, out var slope0);

        var result = MoreThuenteLineSearch.Search(
            recorded, value0, slope0, reference.GetProperty("start").GetDouble(), 0, 1e10, maxEvaluations: 50,
            reference.GetProperty("ftol").GetDouble(), reference.GetProperty("gtol").GetDouble(), reference.GetProperty("xtol").GetDouble());

        Assert.Equal(expectedTrials.Length, trials.Count);
        Bits.Equal(expectedTrials, trials.ToArray(), "trial steps");
        var task = reference.GetProperty("task").GetString()!;
        Assert.Equal(task.StartsWith("CONVERGENCE", StringComparison.Ordinal) ? LineSearchOutcome.Converged : LineSearchOutcome.Stalled, result.Outcome);
        Assert.Equal(trials[^1], result.Step);
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Search_Converged_StepSatisfiesStrongWolfe(int index)
    {
        var reference = Cases[index];
        var phi = TestFunction(reference.GetProperty("function").GetInt32());
        var (valueTolerance, slopeTolerance) = (reference.GetProperty("ftol").GetDouble(), reference.GetProperty("gtol").GetDouble());
        var value0 = phi(0, out var slope0);

        var result = MoreThuenteLineSearch.Search(
            phi, value0, slope0, reference.GetProperty("start").GetDouble(), 0, 1e10, maxEvaluations: 50,
            valueTolerance, slopeTolerance, reference.GetProperty("xtol").GetDouble());

        var value = phi(result.Step, out var slope);
        Assert.Equal(value, result.Value);
        Assert.True(value <= value0 + (valueTolerance * result.Step * slope0), $"Sufficient decrease fails at step {result.Step:R}.");
        if (result.Outcome == LineSearchOutcome.Converged)
            Assert.True(Math.Abs(slope) <= slopeTolerance * Math.Abs(slope0), $"Curvature condition fails at step {result.Step:R}: slope {slope:R}.");
    }

    [Fact]
    public void Search_AscentDirection_ReportsNotDescent()
    {
        static double Rising(double step, out double slope)
        {
            slope = 1;
            return step;
        }

        var result = MoreThuenteLineSearch.Search(Rising, 0, 1, 1, 0, 1e10, 20);

        Assert.Equal(LineSearchOutcome.NotDescent, result.Outcome);
        Assert.False(result.Accepted);
    }

    [Fact]
    public void Search_UnboundedBelow_StopsAtTheLargestStep()
    {
        static double Falling(double step, out double slope)
        {
            slope = -1;
            return -step;
        }

        var result = MoreThuenteLineSearch.Search(Falling, 0, -1, 1, 0, 1e10, 100);

        Assert.Equal(LineSearchOutcome.Stalled, result.Outcome);
        Assert.Equal(1e10, result.Step);
    }

    [Fact]
    public void Search_OverflowAtLongStep_BacksOffToAFiniteStep()
    {
        // φ is a parabola with its minimum at 1, but it overflows beyond step 100.
        static double Overflowing(double step, out double slope)
        {
            if (step > 100)
            {
                slope = double.NaN;
                return double.PositiveInfinity;
            }
            slope = 2 * (step - 1);
            return (step - 1) * (step - 1);
        }

        var result = MoreThuenteLineSearch.Search(Overflowing, 1, -2, 1000, 0, 1e10, 40);

        Assert.True(result.Accepted, result.Outcome.ToString());
        Assert.True(double.IsFinite(result.Value));
        Assert.True(result.Value < 1);
    }

    private static MoreThuenteLineSearch.LineFunction TestFunction(int number) => number switch
    {
        // φ(α) = −α / (α² + β), β = 2: minimum at √2.
        1 => (double step, out double slope) =>
        {
            const double Beta = 2;
            var denominator = (step * step) + Beta;
            slope = ((step * step) - Beta) / (denominator * denominator);
            return -step / denominator;
        },
        // φ(α) = (α + β)⁵ − 2(α + β)⁴, β = 0.004: minimum near 1.6.
        2 => (double step, out double slope) =>
        {
            const double Beta = 0.004;
            var shifted = step + Beta;
            slope = (5 * Math.Pow(shifted, 4)) - (8 * Math.Pow(shifted, 3));
            return Math.Pow(shifted, 5) - (2 * Math.Pow(shifted, 4));
        },
        // φ(α) = φ₀(α) + 2(1 − β)/(lπ) · sin(lπα/2), l = 39, β = 0.01, where φ₀(α) is 1 − α below 1 − β, α − 1 above
        // 1 + β, and (α − 1)²/(2β) + β/2 between: many local minima around the global one at 1.
        _ => (double step, out double slope) =>
        {
            const double Beta = 0.01;
            const double L = 39;
            double baseValue, baseSlope;
            if (step <= 1 - Beta)
            {
                baseValue = 1 - step;
                baseSlope = -1;
            }
            else if (step >= 1 + Beta)
            {
                baseValue = step - 1;
                baseSlope = 1;
            }
            else
            {
                baseValue = (((step - 1) * (step - 1)) / (2 * Beta)) + (Beta / 2);
                baseSlope = (step - 1) / Beta;
            }
            var amplitude = 2 * (1 - Beta) / (L * Math.PI);
            slope = baseSlope + ((1 - Beta) * Math.Cos(L * Math.PI * step / 2));
            return baseValue + (amplitude * Math.Sin(L * Math.PI * step / 2));
        },
    };
}
