namespace Kiln.Workflow.Configuration;

/// <summary>kiln.yaml's <c>validation</c>: how candidates are scored before the sealed test.</summary>
/// <param name="Method">The method; <see langword="null"/> in a parsed file that does not say, which resolves to <c>stratified_kfold</c> for classification and <c>kfold</c> for regression.</param>
/// <param name="Folds">The number of folds (k-fold methods), at least 2.</param>
/// <param name="Repeats">How many times k-fold is repeated with a fresh shuffle, at least 1.</param>
public sealed record ValidationSettings(ValidationMethod? Method, int Folds = 5, int Repeats = 1)
{
    /// <summary>The default folds.</summary>
    public const int DefaultFolds = 5;

    /// <summary>The default repeats.</summary>
    public const int DefaultRepeats = 1;

    /// <summary>Default settings: the method by task, 5 folds, 1 repeat.</summary>
    public static ValidationSettings Default { get; } = new(Method: null);
}
