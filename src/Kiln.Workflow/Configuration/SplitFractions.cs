namespace Kiln.Workflow.Configuration;

/// <summary>kiln.yaml's <c>split</c>: the shares of rows for training, validation and the sealed test; they add up to 1.</summary>
/// <param name="Train">The share to fit on, above 0.</param>
/// <param name="Validation">The share to validate on, 0 or more.</param>
/// <param name="Test">The share kept for the final test, above 0.</param>
public sealed record SplitFractions(double Train, double Validation, double Test)
{
    /// <summary>70 / 15 / 15.</summary>
    public static SplitFractions Default { get; } = new(0.70, 0.15, 0.15);
}
