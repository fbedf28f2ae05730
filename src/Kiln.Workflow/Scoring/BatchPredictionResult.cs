namespace Kiln.Workflow.Scoring;

/// <summary>What <see cref="BatchPrediction"/> wrote.</summary>
/// <param name="Rows">The rows scored.</param>
/// <param name="OutputPath">The output file's full path.</param>
/// <param name="Classes">The classes of the <c>proba_</c> columns, in order, or <see langword="null"/> for a regressor.</param>
/// <param name="Chunks">The chunks the rows were scored in.</param>
/// <param name="ResumedChunks">The chunks an earlier, interrupted run of the same job had finished, kept rather than scored again.</param>
public sealed record BatchPredictionResult(long Rows, string OutputPath, IReadOnlyList<string>? Classes, int Chunks = 1, int ResumedChunks = 0);
