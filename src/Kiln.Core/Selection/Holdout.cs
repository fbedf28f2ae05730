namespace Kiln.Core.Selection;

/// <summary>A train / validation / test split: row indices, each array ascending, every row in exactly one of them.</summary>
/// <param name="Train">The rows to fit on.</param>
/// <param name="Validation">The rows to compare and tune on; empty for a train / test split.</param>
/// <param name="Test">The rows kept sealed until the final evaluation.</param>
public sealed record Holdout(int[] Train, int[] Validation, int[] Test);
