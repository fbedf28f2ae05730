namespace Kiln.Workflow.Steps;

/// <summary>What the preparation makes of the features, described from a fit on the train and validation rows.</summary>
/// <remarks>Every candidate refits the preparation on each fold's training rows; this fit only describes it for the report.</remarks>
/// <param name="FeaturesByKind">How many raw feature columns there are of each kind (<c>numeric</c>, <c>categorical</c>, …).</param>
/// <param name="OutputColumns">The numeric columns the learners see.</param>
/// <param name="Diagnostics">What the preparation noticed (a text column dropped, say).</param>
internal sealed record PreparationOutput(IReadOnlyList<KeyValuePair<string, int>> FeaturesByKind, IReadOnlyList<string> OutputColumns, IReadOnlyList<string> Diagnostics);
