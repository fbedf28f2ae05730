using Kiln.Reporting.Rendering;

namespace Kiln.Reporting;

/// <summary>
/// One curve of a ROC or precision-recall plot: its points in order and the area it summarises. Points with a missing or
/// infinite coordinate are dropped; more than <see cref="Plots.MaxCurvePoints"/> points are thinned to that many, evenly
/// spaced, keeping the first and the last, so report.html and report.json stay small.
/// </summary>
public sealed record Curve
{
    /// <summary>Creates a curve from paired coordinates.</summary>
    /// <param name="name">The legend text, e.g. the positive class.</param>
    /// <param name="x">False positive rates (ROC) or recalls (precision-recall).</param>
    /// <param name="y">True positive rates (ROC) or precisions (precision-recall).</param>
    /// <param name="area">The ROC AUC or the average precision, shown in the legend; null when unknown.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public Curve(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, double? area = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"Curve '{name}' has {x.Count} x values but {y.Count} y values; pass one of each per point.", nameof(y));
        var finite = new List<int>(x.Count);
        for (var i = 0; i < x.Count; i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]))
                finite.Add(i);
        }
        var kept = PointSampling.CurvePoints(finite.Count, Plots.MaxCurvePoints);
        Name = name;
        X = kept.Select(k => x[finite[k]]).ToArray();
        Y = kept.Select(k => y[finite[k]]).ToArray();
        PointCount = finite.Count;
        Area = area;
    }

    /// <summary>The legend text.</summary>
    public string Name { get; }

    /// <summary>The x coordinates drawn (false positive rate or recall).</summary>
    public double[] X { get; }

    /// <summary>The y coordinates drawn (true positive rate or precision).</summary>
    public double[] Y { get; }

    /// <summary>The number of finite points given, before thinning.</summary>
    public int PointCount { get; }

    /// <summary>The ROC AUC or average precision; null when unknown.</summary>
    public double? Area { get; }
}
