namespace Kiln.Core.Preparation;

/// <summary>A non-fatal finding of a preparation fit, such as a column dropped or filled with a constant, for reports and logs.</summary>
/// <param name="Column">The input column the finding is about.</param>
/// <param name="Message">What was found and what the preparation did about it.</param>
public sealed record PreparationDiagnostic(string Column, string Message);
