namespace Kiln.Core.Metrics;

/// <summary>One named entry of a metric report: a number, one number per class, or the reason it could not be computed.</summary>
public sealed class MetricResult
{
    private readonly double[]? _perClass;

    private MetricResult(string name, double value, double[]? perClass, string? error)
    {
        Name = name;
        Value = value;
        _perClass = perClass;
        Error = error;
    }

    /// <summary>The metric's name, as scikit-learn and tests/reference/metrics_cases.json spell it (e.g. <c>f1_macro</c>).</summary>
    public string Name { get; }

    /// <summary>The value of a scalar metric; NaN for a per-class metric or a failed one.</summary>
    public double Value { get; }

    /// <summary>One value per class in class-code order, for per-class metrics; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? PerClass => _perClass;

    /// <summary>Why the metric could not be computed for this input, or <see langword="null"/> when it was.</summary>
    public string? Error { get; }

    /// <summary>Whether the metric has a value.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A scalar result.</summary>
    public static MetricResult FromValue(string name, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new MetricResult(name, value, null, null);
    }

    /// <summary>A per-class result (the values are copied).</summary>
    public static MetricResult FromPerClass(string name, IReadOnlyList<double> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        return new MetricResult(name, double.NaN, [.. values], null);
    }

    /// <summary>A metric that is undefined or refused for this input, with the reason.</summary>
    public static MetricResult FromError(string name, string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new MetricResult(name, double.NaN, null, error);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Error is not null ? $"{Name}: error: {Error}"
        : _perClass is not null ? $"{Name}: [{string.Join(", ", _perClass.Select(value => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]"
        : $"{Name}: {Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
