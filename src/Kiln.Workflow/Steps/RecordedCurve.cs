namespace Kiln.Workflow.Steps;

/// <summary>One metric's recorded values, sorted by step.</summary>
internal sealed record RecordedCurve(string Name, IReadOnlyList<CurvePoint> Points);
