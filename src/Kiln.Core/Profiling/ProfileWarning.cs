namespace Kiln.Core.Profiling;

/// <summary>A finding about the data that a person should look at before trusting a model trained on it.</summary>
/// <param name="Code">What kind of finding, one of <see cref="ProfileWarningCodes"/>.</param>
/// <param name="Column">The column concerned, or <see langword="null"/> for the table as a whole.</param>
/// <param name="Message">One sentence: what was found, the number seen, and what to do.</param>
/// <param name="Value">The number the rule tested (a score, share or count), or <see langword="null"/>.</param>
public sealed record ProfileWarning(string Code, string? Column, string Message, double? Value = null);
