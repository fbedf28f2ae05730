namespace Kiln.Workflow.Steps;

/// <summary>One recorded value of a training curve.</summary>
internal readonly record struct CurvePoint(long Step, double Value);
