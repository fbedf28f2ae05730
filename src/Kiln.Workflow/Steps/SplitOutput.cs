using Kiln.Core.Selection;

namespace Kiln.Workflow.Steps;

/// <summary>The split step's output: the sealed test rows, the rows candidates are validated on, and the validation folds.</summary>
/// <param name="Holdout">Train, validation and test rows, indices into <see cref="ModelingData.Table"/>.</param>
/// <param name="Development">Train and validation rows together, ascending: what the folds divide and the chosen model is refitted on.</param>
/// <param name="Folds">The validation folds, indices into <see cref="ModelingData.Table"/>: k-fold over <paramref name="Development"/>, or one fold (train, validation) for holdout.</param>
internal sealed record SplitOutput(Holdout Holdout, int[] Development, IReadOnlyList<Fold> Folds);
