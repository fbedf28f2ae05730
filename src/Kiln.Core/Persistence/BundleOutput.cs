namespace Kiln.Core.Persistence;

/// <summary>What a bundled model predicts.</summary>
/// <param name="Task"><c>classification</c> or <c>regression</c>.</param>
/// <param name="Classes">The class names in prediction order, for a classifier; otherwise <see langword="null"/>.</param>
public sealed record BundleOutput(string Task, IReadOnlyList<string>? Classes)
{
    /// <summary>The task name of a classifier.</summary>
    public const string Classification = "classification";

    /// <summary>The task name of a model that predicts one number per row and is not a classifier.</summary>
    public const string Regression = "regression";
}
