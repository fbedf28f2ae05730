namespace Kiln.Core.Learners.Linear;

// The line search of Moré and Thuente (1994), "Line search algorithms with guaranteed sufficient decrease",
// ACM TOMS 20(3): a step satisfying the strong Wolfe conditions
//     φ(step) ≤ φ(0) + valueTolerance · step · φ'(0)   and   |φ'(step)| ≤ slopeTolerance · |φ'(0)|
// is found by safeguarded cubic and quadratic interpolation inside an interval of uncertainty [stx, sty] that is
// extrapolated until it brackets such a step, then shrunk. While no step with φ(step) ≤ the sufficient-decrease line
// and φ'(step) ≥ 0 has been seen (stage 1), the interpolation works on ψ(step) = φ(step) − step · valueTolerance · φ'(0).
// The search also stops, with the step it has, when the interval is narrower than stepTolerance relative to its upper
// end. The default tolerances are those L-BFGS-B passes to MINPACK-2's dcsrch (1e-3, 0.9, 0.1), so Kiln's L-BFGS takes
// the steps SciPy's L-BFGS-B takes.
internal static class MoreThuenteLineSearch
{
    public const double DefaultValueTolerance = 1e-3;
    public const double DefaultSlopeTolerance = 0.9;
    public const double DefaultStepTolerance = 0.1;

    private const double ExtrapolateLower = 1.1;
    private const double ExtrapolateUpper = 4.0;
    private const double BisectionShrink = 0.66;

    // φ(step) and φ'(step) along the search direction; the caller keeps the point and gradient of the last evaluation.
    public delegate double LineFunction(double step, out double slope);

    // Searches from step `initialStep`; `value0` and `slope0` are φ(0) and φ'(0) < 0. The returned step is always
    // the one evaluated last, so the caller's point and gradient belong to it when the search succeeds.
    public static LineSearchResult Search(
        LineFunction function,
        double value0,
        double slope0,
        double initialStep,
        double minStep,
        double maxStep,
        int maxEvaluations,
        double valueTolerance = DefaultValueTolerance,
        double slopeTolerance = DefaultSlopeTolerance,
        double stepTolerance = DefaultStepTolerance)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!(slope0 < 0))
            return new LineSearchResult(LineSearchOutcome.NotDescent, 0, value0, slope0, 0);
        var step = Math.Clamp(initialStep, minStep, maxStep);
        var bracketed = false;
        var stage = 1;
        var slopeTest = valueTolerance * slope0;
        var width = maxStep - minStep;
        var previousWidth = 2 * width;
        // stx: the best step so far; sty: the other end of the interval of uncertainty.
        double stx = 0, valueX = value0, slopeX = slope0;
        double sty = 0, valueY = value0, slopeY = slope0;
        var lower = 0.0;
        var upper = step + (ExtrapolateUpper * step);
        for (var evaluations = 1; evaluations <= maxEvaluations; evaluations++)
        {
            var value = function(step, out var slope);
            if (!double.IsFinite(value) || !double.IsFinite(slope))
            {
                // Not in Moré–Thuente: an overflow at a long trial step. Treat the step as too long and halve it toward the best step.
                sty = step;
                valueY = double.MaxValue;
                slopeY = double.MaxValue;
                bracketed = true;
                lower = Math.Min(stx, sty);
                upper = Math.Max(stx, sty);
                step = stx + (0.5 * (step - stx));
                continue;
            }
            var valueTest = value0 + (step * slopeTest);
            if (stage == 1 && value <= valueTest && slope >= 0)
                stage = 2;

            // Rounding errors, a collapsed interval, or a step at a bound: stop with the step (scipy's "WARNING" outcomes).
            var stalled = (bracketed && (step <= lower || step >= upper))
                || (bracketed && upper - lower <= stepTolerance * upper)
                || (step == maxStep && value <= valueTest && slope <= slopeTest)
                || (step == minStep && (value > valueTest || slope >= slopeTest));
            if (value <= valueTest && Math.Abs(slope) <= slopeTolerance * -slope0)
                return new LineSearchResult(LineSearchOutcome.Converged, step, value, slope, evaluations);
            if (stalled)
                return new LineSearchResult(LineSearchOutcome.Stalled, step, value, slope, evaluations);

            var interval = new Interval(stx, valueX, slopeX, sty, valueY, slopeY, bracketed);
            if (stage == 1 && value <= valueX && value > valueTest)
            {
                // Interpolate ψ, whose minimum satisfies sufficient decrease, then map the ends back to φ.
                var modified = interval with
                {
                    ValueX = valueX - (stx * slopeTest),
                    SlopeX = slopeX - slopeTest,
                    ValueY = valueY - (sty * slopeTest),
                    SlopeY = slopeY - slopeTest,
                };
                step = NextStep(ref modified, step, value - (step * slopeTest), slope - slopeTest, lower, upper);
                interval = modified with
                {
                    ValueX = modified.ValueX + (modified.StepX * slopeTest),
                    SlopeX = modified.SlopeX + slopeTest,
                    ValueY = modified.ValueY + (modified.StepY * slopeTest),
                    SlopeY = modified.SlopeY + slopeTest,
                };
            }
            else
            {
                step = NextStep(ref interval, step, value, slope, lower, upper);
            }
            (stx, valueX, slopeX, sty, valueY, slopeY, bracketed) = interval;

            if (bracketed)
            {
                // Bisect when the interval has not shrunk enough over two steps.
                if (Math.Abs(sty - stx) >= BisectionShrink * previousWidth)
                    step = stx + (0.5 * (sty - stx));
                previousWidth = width;
                width = Math.Abs(sty - stx);
                lower = Math.Min(stx, sty);
                upper = Math.Max(stx, sty);
            }
            else
            {
                lower = step + (ExtrapolateLower * (step - stx));
                upper = step + (ExtrapolateUpper * (step - stx));
            }
            step = Math.Clamp(step, minStep, maxStep);
            // When no further progress is possible, try the best step so far.
            if (bracketed && (step <= lower || step >= upper || upper - lower <= stepTolerance * upper))
                step = stx;
        }
        return new LineSearchResult(LineSearchOutcome.TooManyEvaluations, step, double.NaN, double.NaN, maxEvaluations);
    }

    // One safeguarded step of Moré–Thuente's interpolation (their cases 1–4), updating the interval of uncertainty.
    // (step, value, slope) is the trial just evaluated; lower and upper bound the next trial while nothing is bracketed.
    private static double NextStep(ref Interval interval, double step, double value, double slope, double lower, double upper)
    {
        var (stx, valueX, slopeX, sty, valueY, slopeY, bracketed) = interval;
        var slopeSign = slope * (slopeX / Math.Abs(slopeX));
        double next;
        if (value > valueX)
        {
            // Case 1: a higher value. The minimum is bracketed; take the cubic step if it is closer to stx, else the average.
            var theta = (3 * (valueX - value) / (step - stx)) + slopeX + slope;
            var scale = Max3(Math.Abs(theta), Math.Abs(slopeX), Math.Abs(slope));
            var gamma = scale * Math.Sqrt(((theta / scale) * (theta / scale)) - ((slopeX / scale) * (slope / scale)));
            if (step < stx)
                gamma = -gamma;
            var p = (gamma - slopeX) + theta;
            var q = ((gamma - slopeX) + gamma) + slope;
            var cubic = stx + (p / q * (step - stx));
            var quadratic = stx + (slopeX / (((valueX - value) / (step - stx)) + slopeX) / 2 * (step - stx));
            next = Math.Abs(cubic - stx) < Math.Abs(quadratic - stx) ? cubic : cubic + ((quadratic - cubic) / 2);
            bracketed = true;
        }
        else if (slopeSign < 0)
        {
            // Case 2: a lower value and slopes of opposite sign. Bracketed; take the step farther from the trial.
            var theta = (3 * (valueX - value) / (step - stx)) + slopeX + slope;
            var scale = Max3(Math.Abs(theta), Math.Abs(slopeX), Math.Abs(slope));
            var gamma = scale * Math.Sqrt(((theta / scale) * (theta / scale)) - ((slopeX / scale) * (slope / scale)));
            if (step > stx)
                gamma = -gamma;
            var p = (gamma - slope) + theta;
            var q = ((gamma - slope) + gamma) + slopeX;
            var cubic = step + (p / q * (stx - step));
            var secant = step + (slope / (slope - slopeX) * (stx - step));
            next = Math.Abs(cubic - step) > Math.Abs(secant - step) ? cubic : secant;
            bracketed = true;
        }
        else if (Math.Abs(slope) < Math.Abs(slopeX))
        {
            // Case 3: a lower value, slopes of one sign, and the slope shrinking. The cubic is used only when it tends
            // to infinity in the direction of the step or its minimum lies beyond the step.
            var theta = (3 * (valueX - value) / (step - stx)) + slopeX + slope;
            var scale = Max3(Math.Abs(theta), Math.Abs(slopeX), Math.Abs(slope));
            var gamma = scale * Math.Sqrt(Math.Max(0, ((theta / scale) * (theta / scale)) - ((slopeX / scale) * (slope / scale))));
            if (step > stx)
                gamma = -gamma;
            var p = (gamma - slope) + theta;
            var q = (gamma + (slopeX - slope)) + gamma;
            var r = p / q;
            double cubic;
            if (r < 0 && gamma != 0)
                cubic = step + (r * (stx - step));
            else
                cubic = step > stx ? upper : lower;
            var secant = step + (slope / (slope - slopeX) * (stx - step));
            if (bracketed)
            {
                // Take the step closer to the trial, but not too close to the far end of the interval.
                next = Math.Abs(cubic - step) < Math.Abs(secant - step) ? cubic : secant;
                next = step > stx ? Math.Min(step + (BisectionShrink * (sty - step)), next) : Math.Max(step + (BisectionShrink * (sty - step)), next);
            }
            else
            {
                next = Math.Abs(cubic - step) > Math.Abs(secant - step) ? cubic : secant;
                next = Math.Max(lower, Math.Min(upper, next));
            }
        }
        else if (bracketed)
        {
            // Case 4: a lower value, slopes of one sign, the slope not shrinking, bracketed: the cubic through the trial and sty.
            var theta = (3 * (value - valueY) / (sty - step)) + slopeY + slope;
            var scale = Max3(Math.Abs(theta), Math.Abs(slopeY), Math.Abs(slope));
            var gamma = scale * Math.Sqrt(((theta / scale) * (theta / scale)) - ((slopeY / scale) * (slope / scale)));
            if (step > sty)
                gamma = -gamma;
            var p = (gamma - slope) + theta;
            var q = ((gamma - slope) + gamma) + slopeY;
            next = step + (p / q * (sty - step));
        }
        else
        {
            // Case 4, not bracketed: extrapolate to the bound.
            next = step > stx ? upper : lower;
        }

        if (value > valueX)
        {
            sty = step;
            valueY = value;
            slopeY = slope;
        }
        else
        {
            if (slopeSign < 0)
            {
                sty = stx;
                valueY = valueX;
                slopeY = slopeX;
            }
            stx = step;
            valueX = value;
            slopeX = slope;
        }
        interval = new Interval(stx, valueX, slopeX, sty, valueY, slopeY, bracketed);
        return next;
    }

    private static double Max3(double a, double b, double c) => Math.Max(a, Math.Max(b, c));

    private readonly record struct Interval(double StepX, double ValueX, double SlopeX, double StepY, double ValueY, double SlopeY, bool Bracketed);
}
