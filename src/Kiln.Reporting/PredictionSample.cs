using Kiln.Reporting.Rendering;

namespace Kiln.Reporting;

/// <summary>
/// Actual and predicted values of a regression's test rows, as drawn in the residual and predicted-vs-actual plots. Rows
/// with a missing or infinite value are dropped; more than <see cref="Plots.MaxScatterPoints"/> rows are sampled down to
/// that many, deterministically (a fixed-seed uniform sample kept in row order), so report.html and report.json stay small.
/// </summary>
public sealed record PredictionSample
{
    /// <summary>Creates the sample from one actual and one predicted value per row.</summary>
    /// <exception cref="ArgumentException"><paramref name="actual"/> and <paramref name="predicted"/> differ in length.</exception>
    public PredictionSample(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
            throw new ArgumentException(
                $"There are {actual.Count} actual values but {predicted.Count} predictions; pass one of each per row.", nameof(predicted));
        var finite = new List<int>(actual.Count);
        for (var row = 0; row < actual.Count; row++)
        {
            if (double.IsFinite(actual[row]) && double.IsFinite(predicted[row]))
                finite.Add(row);
        }
        var kept = PointSampling.ScatterRows(finite.Count, Plots.MaxScatterPoints);
        Actual = kept.Select(k => actual[finite[k]]).ToArray();
        Predicted = kept.Select(k => predicted[finite[k]]).ToArray();
        TotalCount = finite.Count;
    }

    /// <summary>The actual values drawn.</summary>
    public double[] Actual { get; }

    /// <summary>The predictions drawn, one per actual value.</summary>
    public double[] Predicted { get; }

    /// <summary>The number of rows with finite values given, before sampling.</summary>
    public int TotalCount { get; }

    /// <summary>True when fewer rows are drawn than were given.</summary>
    public bool IsSampled => Actual.Length < TotalCount;
}
