using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Hyperparameters of <see cref="StandardScaler"/> (scikit-learn's <c>StandardScaler</c>).</summary>
public sealed record StandardScalerOptions
{
    /// <summary>Whether to subtract each column's training mean.</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("with_mean", Description = "Subtract the training mean.")]
    public bool WithMean { get; init; } = true;

    /// <summary>Whether to divide by each column's training standard deviation (population, ddof 0).</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("with_std", Description = "Divide by the training standard deviation.")]
    public bool WithStd { get; init; } = true;
}
