using System.Numerics.Tensors;

namespace Kiln.Core.Learners.Linear;

// Limited-memory BFGS (Nocedal, 1980; Liu and Nocedal, 1989): the search direction is −H·∇f, where H, the inverse
// Hessian approximation built from the last m steps s = x₊ − x and gradient changes y = ∇f₊ − ∇f, is applied by the
// two-loop recursion (Nocedal and Wright, Numerical Optimization, Algorithm 7.4) with H₀ = (sᵀy / yᵀy)·I; steps come
// from the Moré–Thuente line search. Without bounds, SciPy's L-BFGS-B (which scikit-learn's LogisticRegression calls)
// computes the same direction, so the details follow it: the first step has length 1 along −∇f/‖∇f‖, a pair is
// skipped when sᵀy ≤ ε·(−∇fᵀs), a failed line search clears the memory and retries once along −∇f, and the stopping
// tests are max|∇f_i| ≤ gtol, then the relative decrease (f_old − f)/max(|f_old|, |f|, 1) ≤ ftol, then the iteration limit.
internal static class Lbfgs
{
    // L-BFGS-B's largest step when no variable is bounded.
    private const double MaxStep = 1e10;

    // Computes f(point), writes ∇f(point) into gradient, and returns f.
    public delegate double DifferentiableFunction(ReadOnlySpan<double> point, Span<double> gradient);

    public static LbfgsResult Minimize(DifferentiableFunction function, ReadOnlySpan<double> start, LbfgsSettings settings, CancellationToken cancellationToken, Action<int, double>? iterationDone = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Memory, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxLineSearchEvaluations, 1);
        var size = start.Length;
        var point = start.ToArray();
        var gradient = new double[size];
        cancellationToken.ThrowIfCancellationRequested();
        var value = function(point, gradient);
        var evaluations = 1;
        if (!double.IsFinite(value) || !TensorPrimitives.IsFiniteAll<double>(gradient))
            throw new ArgumentException($"The objective or its gradient is not finite at the starting point (f = {value}); L-BFGS needs a finite start.", nameof(start));
        var gradientNorm = MaxNorm(gradient);
        if (gradientNorm <= settings.GradientTolerance)
            return new LbfgsResult(point, value, gradientNorm, 0, evaluations, LbfgsStatus.GradientConverged);

        var memory = new CorrectionPairs(settings.Memory, size);
        var direction = new double[size];
        var previousPoint = new double[size];
        var previousGradient = new double[size];
        var iteration = 0;
        MoreThuenteLineSearch.LineFunction alongDirection = (double step, out double slope) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            TensorPrimitives.MultiplyAdd(direction, step, previousPoint, point);
            value = function(point, gradient);
            slope = TensorPrimitives.Dot<double>(gradient, direction);
            return value;
        };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            memory.Direction(gradient, direction);
            var slope0 = TensorPrimitives.Dot<double>(gradient, direction);
            point.CopyTo(previousPoint, 0);
            gradient.CopyTo(previousGradient, 0);
            var previousValue = value;
            var initialStep = iteration == 0 ? Math.Min(1 / TensorPrimitives.Norm<double>(direction), MaxStep) : 1.0;

            var search = MoreThuenteLineSearch.Search(alongDirection, previousValue, slope0, initialStep, 0, MaxStep, settings.MaxLineSearchEvaluations);
            evaluations += search.Evaluations;
            if (!search.Accepted)
            {
                previousPoint.CopyTo(point, 0);
                previousGradient.CopyTo(gradient, 0);
                value = previousValue;
                if (memory.Count == 0)
                    return new LbfgsResult(point, value, MaxNorm(gradient), iteration, evaluations, LbfgsStatus.LineSearchFailed);
                memory.Clear();
                continue;
            }

            iteration++;
            iterationDone?.Invoke(iteration, value);
            gradientNorm = MaxNorm(gradient);
            if (gradientNorm <= settings.GradientTolerance)
                return new LbfgsResult(point, value, gradientNorm, iteration, evaluations, LbfgsStatus.GradientConverged);
            if (previousValue - value <= settings.FunctionTolerance * Math.Max(Math.Max(Math.Abs(previousValue), Math.Abs(value)), 1))
                return new LbfgsResult(point, value, gradientNorm, iteration, evaluations, LbfgsStatus.FunctionConverged);
            if (iteration >= settings.MaxIterations)
                return new LbfgsResult(point, value, gradientNorm, iteration, evaluations, LbfgsStatus.MaxIterations);
            memory.Add(direction, search.Step, gradient, previousGradient, -slope0 * search.Step);
        }
    }

    private static double MaxNorm(ReadOnlySpan<double> values) => values.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(values));

    // The last m correction pairs in a ring, and the two-loop recursion over them.
    private sealed class CorrectionPairs
    {
        private readonly double[][] _steps;
        private readonly double[][] _gradientChanges;
        private readonly double[] _inverseCurvatures;
        private readonly double[] _alphas;
        private double[] _newStep;
        private double[] _newGradientChange;
        private int _newest = -1;
        private double _scale = 1;

        public CorrectionPairs(int capacity, int size)
        {
            _steps = new double[capacity][];
            _gradientChanges = new double[capacity][];
            for (var i = 0; i < capacity; i++)
            {
                _steps[i] = new double[size];
                _gradientChanges[i] = new double[size];
            }
            _inverseCurvatures = new double[capacity];
            _alphas = new double[capacity];
            _newStep = new double[size];
            _newGradientChange = new double[size];
        }

        public int Count { get; private set; }

        public void Clear()
        {
            Count = 0;
            _newest = -1;
            _scale = 1;
        }

        // Stores s = step · direction and y = gradient − previousGradient, unless the curvature sᵀy is not clearly
        // positive relative to the decrease −∇fᵀs (L-BFGS-B's test), which would make H indefinite.
        public void Add(ReadOnlySpan<double> direction, double step, ReadOnlySpan<double> gradient, ReadOnlySpan<double> previousGradient, double decrease)
        {
            TensorPrimitives.Multiply(direction, step, _newStep);
            TensorPrimitives.Subtract(gradient, previousGradient, _newGradientChange);
            var curvature = TensorPrimitives.Dot<double>(_newStep, _newGradientChange);
            if (curvature <= LbfgsSettings.MachineEpsilon * decrease)
                return;
            var capacity = _steps.Length;
            var slot = (_newest + 1) % capacity;
            (_steps[slot], _newStep) = (_newStep, _steps[slot]);
            (_gradientChanges[slot], _newGradientChange) = (_newGradientChange, _gradientChanges[slot]);
            _inverseCurvatures[slot] = 1 / curvature;
            _scale = curvature / TensorPrimitives.Dot<double>(_gradientChanges[slot], _gradientChanges[slot]);
            _newest = slot;
            Count = Math.Min(Count + 1, capacity);
        }

        // direction = −H·gradient by the two-loop recursion; −gradient when the memory is empty.
        public void Direction(ReadOnlySpan<double> gradient, Span<double> direction)
        {
            var capacity = _steps.Length;
            gradient.CopyTo(direction);
            for (var k = 0; k < Count; k++)
            {
                var i = (_newest - k + capacity) % capacity;
                _alphas[i] = _inverseCurvatures[i] * TensorPrimitives.Dot<double>(_steps[i], direction);
                TensorPrimitives.MultiplyAdd(_gradientChanges[i], -_alphas[i], direction, direction);
            }
            TensorPrimitives.Multiply(direction, _scale, direction);
            for (var k = Count - 1; k >= 0; k--)
            {
                var i = (_newest - k + capacity) % capacity;
                var beta = _inverseCurvatures[i] * TensorPrimitives.Dot<double>(_gradientChanges[i], direction);
                TensorPrimitives.MultiplyAdd(_steps[i], _alphas[i] - beta, direction, direction);
            }
            TensorPrimitives.Negate(direction, direction);
        }
    }
}
