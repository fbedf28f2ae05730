namespace Kiln.Workflow.Scoring;

/// <summary>What <see cref="BatchPrediction.Run"/> wrote.</summary>
/// <param name="Rows">The rows scored.</param>
/// <param name="OutputPath">The output file's full path.</param>
/// <param name="Classes">The classes of the <c>proba_</c> columns, in order, or <see langword="null"/> for a regressor.</param>
public sealed record BatchPredictionResult(int Rows, string OutputPath, IReadOnlyList<string>? Classes);
