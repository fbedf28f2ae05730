namespace Kiln.Workflow.Steps;

/// <summary>The steps of <c>kiln run</c>, in order (DESIGN §1, steps 1–6 and 9).</summary>
/// <remarks>Tuning and ensembles go between <see cref="TrainStep"/> and <see cref="SelectStep"/>; registration and tracking after <see cref="ReportStep"/>.</remarks>
internal static class WorkflowSteps
{
    public static IReadOnlyList<IWorkflowStep> Default() =>
    [
        new IngestStep(),
        new ProfileStep(),
        new SplitStep(),
        new PrepareStep(),
        new BaselineStep(),
        new TrainStep(),
        new SelectStep(),
        new RefitStep(),
        new TestStep(),
        new SaveStep(),
        new ReportStep(),
    ];
}
