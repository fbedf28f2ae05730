namespace Kiln.Reporting;

/// <summary>The data set as a whole, as the profile step saw it.</summary>
public sealed record DataSummary
{
    /// <summary>The number of feature columns the learners saw.</summary>
    public required int FeatureCount { get; init; }

    /// <summary>Columns that were read but are not features (ids, leaks), as kiln.yaml's <c>ignore</c> lists them.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    /// <summary>The number of empty cells over all columns.</summary>
    public long MissingCellCount { get; init; }

    /// <summary>Rows whose target is missing: left out of training and evaluation.</summary>
    public long RowsWithMissingTarget { get; init; }

    /// <summary>The number of rows identical to an earlier row; null when not counted.</summary>
    public long? DuplicateRowCount { get; init; }

    /// <summary>The rows in each part of the split; null when not split yet.</summary>
    public SplitSizes? Split { get; init; }
}
