namespace Kiln.Reporting;

/// <summary>The one evaluation on the sealed test rows.</summary>
public sealed record TestEvaluation
{
    /// <summary>The number of test rows scored.</summary>
    public required long RowCount { get; init; }

    /// <summary>Every metric of the task on the test rows, in the order to show them.</summary>
    public required IReadOnlyList<MetricValue> Metrics { get; init; }

    /// <summary>The confusion matrix and curves of a classification; null for regression.</summary>
    public ClassificationResults? Classification { get; init; }

    /// <summary>The actual and predicted values of a regression; null for classification.</summary>
    public RegressionResults? Regression { get; init; }
}
