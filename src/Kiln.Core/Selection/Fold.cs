namespace Kiln.Core.Selection;

/// <summary>One train / test split of a cross-validation: row indices into the data that was split, each array ascending.</summary>
/// <remarks>
/// The arrays are indices, not copies of the data: pass them to <see cref="Learners.TrainingSet.Rows"/> or
/// <see cref="Data.Table.Rows"/> for views. Every row is in exactly one of <see cref="Train"/> and <see cref="Test"/>,
/// except for time-ordered splits (<see cref="TimeSeriesSplit"/>), which leave out the rows after the test block and in the gap.
/// </remarks>
/// <param name="Index">The fold's position within its repeat, 0 … folds − 1.</param>
/// <param name="Repeat">The repeat this fold belongs to, 0 … repeats − 1 (always 0 for splitters that do not repeat).</param>
/// <param name="Train">The rows to fit on, ascending.</param>
/// <param name="Test">The rows to score on, ascending.</param>
public sealed record Fold(int Index, int Repeat, int[] Train, int[] Test);
