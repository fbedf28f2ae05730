namespace Kiln.Reporting;

/// <summary>A value and the number of rows that hold it.</summary>
/// <param name="Value">The value as text (a category, a class label, true or false).</param>
/// <param name="Count">The number of rows.</param>
public sealed record CategoryCount(string Value, long Count);
