namespace Kiln.Reporting;

/// <summary>The number of rows in each part of the train / validation / test split.</summary>
/// <param name="Train">Rows the candidates were fitted on.</param>
/// <param name="Validation">Rows held out for validation (zero when cross-validation uses the training rows only).</param>
/// <param name="Test">Rows sealed until the one final evaluation.</param>
public sealed record SplitSizes(long Train, long Validation, long Test);
