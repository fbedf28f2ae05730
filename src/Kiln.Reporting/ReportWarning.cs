namespace Kiln.Reporting;

/// <summary>A finding the report shows near the top, such as a target-leakage warning.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">What was found and what to do, in one or two sentences.</param>
/// <param name="Column">The column it is about, if one.</param>
public sealed record ReportWarning(WarningSeverity Severity, string Message, string? Column = null);
