namespace Kiln.Core.Metrics;

/// <summary>How per-class scores are combined into one number, as scikit-learn's <c>average</c> argument.</summary>
public enum MetricAverage
{
    /// <summary>The unweighted mean of the per-class scores.</summary>
    Macro,

    /// <summary>The score of the pooled counts of every class (for single-label data, precision = recall = F1 = accuracy).</summary>
    Micro,

    /// <summary>The mean of the per-class scores weighted by each class's (weighted) number of true rows.</summary>
    Weighted,
}
