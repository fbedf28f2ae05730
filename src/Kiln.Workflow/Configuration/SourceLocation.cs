namespace Kiln.Workflow.Configuration;

/// <summary>A place in a kiln.yaml file: 1-based line and column.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public readonly record struct SourceLocation(int Line, int Column);
