namespace Kiln.Cli.Commands;

/// <summary>The parsed options of <c>kiln evaluate</c>.</summary>
internal sealed record EvaluateOptions(
    string Input,
    string Target,
    string? Prediction = null,
    string? Weight = null,
    string? Positive = null,
    string? Task = null,
    bool Json = false);
