namespace Kiln.Workflow.Runs;

/// <summary>One progress line of a run: which step of how many, and what it did.</summary>
/// <param name="Number">The step's 1-based position.</param>
/// <param name="Count">The number of steps of the run.</param>
/// <param name="Step">The step's name (<c>ingest</c>, <c>split</c>, …).</param>
/// <param name="Message">What the step did or found, in one line.</param>
public sealed record StepProgress(int Number, int Count, string Step, string Message)
{
    /// <summary>The line as the CLI prints it: <c>[3/11] split: 233 train, 50 validation, 51 test</c>.</summary>
    public override string ToString() => $"[{Number}/{Count}] {Step}: {Message}";
}
