using Kiln.Core.Metrics;

namespace Kiln.Core.Profiling;

/// <summary>The target column as a learning task sees it: class balance for classification, the numeric summary for regression.</summary>
public sealed record TargetProfile
{
    /// <summary>The target column's name.</summary>
    public required string Name { get; init; }

    /// <summary>The task the target was profiled for.</summary>
    public required MetricTask Task { get; init; }

    /// <summary>The number of rows with a usable target value — a class, or a finite number — (the rows a workflow can train and evaluate on).</summary>
    public required int RowCount { get; init; }

    /// <summary>The number of rows whose target is missing, or infinite for regression (a workflow leaves them out and reports this count).</summary>
    public required int MissingCount { get; init; }

    /// <summary>For classification, each class's count and share, in <see cref="Learners.ClassLabels"/> order; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<ClassShare>? Classes { get; init; }

    /// <summary>For classification, the largest class count divided by the smallest (1 for balanced classes); otherwise <see langword="null"/>.</summary>
    public double? ImbalanceRatio { get; init; }

    /// <summary>For regression, the summary of the target's values (the same as its column's); otherwise <see langword="null"/>.</summary>
    public NumericSummary? Numeric { get; init; }
}
