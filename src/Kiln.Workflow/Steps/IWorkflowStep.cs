namespace Kiln.Workflow.Steps;

/// <summary>One step of a run: reads earlier steps' outputs from the <see cref="RunState"/>, sets its own, and writes its files into the job's staging folder before it returns.</summary>
/// <remarks>
/// The step list is <see cref="WorkflowSteps.Default"/>. Later steps (tune, ensemble, register, tracking) are new classes
/// inserted into that list; each declares what it reads and what it sets in its summary.
/// </remarks>
internal interface IWorkflowStep
{
    /// <summary>The step's name in progress lines and file names.</summary>
    string Name { get; }

    /// <summary>Runs the step.</summary>
    void Run(RunState state);
}
