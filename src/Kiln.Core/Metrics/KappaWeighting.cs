namespace Kiln.Core.Metrics;

/// <summary>How Cohen's kappa weighs a disagreement between two classes, as scikit-learn's <c>weights</c> argument.</summary>
public enum KappaWeighting
{
    /// <summary>Every disagreement counts 1 (plain kappa).</summary>
    None,

    /// <summary>A disagreement counts the distance between the two classes' positions in the class order.</summary>
    Linear,

    /// <summary>A disagreement counts the squared distance between the two classes' positions.</summary>
    Quadratic,
}
