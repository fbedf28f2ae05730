namespace Kiln.Core.Selection;

/// <summary>The number of rows in each part of a <see cref="Holdout"/>.</summary>
/// <param name="Train">Rows in the train part.</param>
/// <param name="Validation">Rows in the validation part (0 for a train / test split).</param>
/// <param name="Test">Rows in the test part.</param>
public readonly record struct HoldoutSizes(int Train, int Validation, int Test);
