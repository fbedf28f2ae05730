namespace Kiln.Reporting;

/// <summary>What the test rows of a classification show beyond the metrics: the confusion matrix and the ROC and precision-recall curves.</summary>
public sealed record ClassificationResults
{
    /// <summary>The class labels, in the order of the confusion matrix's rows and columns.</summary>
    public required IReadOnlyList<string> ClassLabels { get; init; }

    /// <summary>ConfusionMatrix[t][p]: the number of test rows of true class t predicted as class p.</summary>
    public required long[][] ConfusionMatrix { get; init; }

    /// <summary>ROC curves: one for the positive class of a binary task, or one per class (one-vs-rest) for a multiclass one.</summary>
    public IReadOnlyList<Curve> RocCurves { get; init; } = [];

    /// <summary>Precision-recall curves, as <see cref="RocCurves"/>.</summary>
    public IReadOnlyList<Curve> PrecisionRecallCurves { get; init; } = [];
}
