using Kiln.Reporting.Rendering;

namespace Kiln.Reporting;

/// <summary>
/// The values one metric took during a fit, one per step (boosting round, epoch, number of trees): one line of a training
/// curve. Points with a missing or infinite value are dropped; more than <see cref="Plots.MaxCurvePoints"/> points are
/// thinned to that many, evenly spaced, keeping the first and the last, so report.html and report.json stay small.
/// </summary>
public sealed record MetricSeries
{
    /// <summary>Creates the series from paired steps and values.</summary>
    /// <param name="name">The metric's name as the learner recorded it, e.g. <c>validation_loss</c> (see <c>Kiln.Core.Learners.TrainingCurve</c>).</param>
    /// <param name="steps">The step of each value, counted from 1.</param>
    /// <param name="values">The value at each step.</param>
    /// <exception cref="ArgumentException"><paramref name="steps"/> and <paramref name="values"/> differ in length.</exception>
    public MetricSeries(string name, IReadOnlyList<long> steps, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(values);
        if (steps.Count != values.Count)
            throw new ArgumentException($"Metric '{name}' has {steps.Count} steps but {values.Count} values; pass one value per step.", nameof(values));
        var finite = new List<int>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
                finite.Add(i);
        }
        var kept = PointSampling.CurvePoints(finite.Count, Plots.MaxCurvePoints);
        Name = name;
        Steps = kept.Select(k => steps[finite[k]]).ToArray();
        Values = kept.Select(k => values[finite[k]]).ToArray();
        PointCount = finite.Count;
    }

    /// <summary>The metric's name as recorded.</summary>
    public string Name { get; }

    /// <summary>The steps drawn.</summary>
    public long[] Steps { get; }

    /// <summary>The value at each step drawn.</summary>
    public double[] Values { get; }

    /// <summary>The number of finite values given, before thinning.</summary>
    public int PointCount { get; }
}
