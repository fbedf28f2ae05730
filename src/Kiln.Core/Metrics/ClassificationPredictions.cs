namespace Kiln.Core.Metrics;

/// <summary>The inputs of a classification metric, as spans: true and predicted class codes, optional probabilities and weights.</summary>
public readonly ref struct ClassificationPredictions
{
    /// <summary>Bundles the inputs; nothing is copied.</summary>
    /// <param name="trueClasses">The true class code of each row.</param>
    /// <param name="predictedClasses">The predicted class code of each row.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="probabilities">Row-major class probabilities (<paramref name="classCount"/> per row), or empty.</param>
    /// <param name="positiveClass">The positive class of a binary problem; default 1, the second class.</param>
    /// <param name="weights">One sample weight per row, or empty.</param>
    public ClassificationPredictions(ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, int classCount, ReadOnlySpan<double> probabilities = default, int positiveClass = 1, ReadOnlySpan<double> weights = default)
    {
        TrueClasses = trueClasses;
        PredictedClasses = predictedClasses;
        ClassCount = classCount;
        Probabilities = probabilities;
        PositiveClass = positiveClass;
        Weights = weights;
    }

    /// <summary>The true class code of each row.</summary>
    public ReadOnlySpan<int> TrueClasses { get; }

    /// <summary>The predicted class code of each row.</summary>
    public ReadOnlySpan<int> PredictedClasses { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Row-major class probabilities, or empty.</summary>
    public ReadOnlySpan<double> Probabilities { get; }

    /// <summary>The positive class of a binary problem.</summary>
    public int PositiveClass { get; }

    /// <summary>One sample weight per row, or empty.</summary>
    public ReadOnlySpan<double> Weights { get; }
}
