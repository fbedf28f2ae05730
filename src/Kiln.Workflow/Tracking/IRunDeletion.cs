namespace Kiln.Workflow.Tracking;

/// <summary>Removes runs from a run store: a run, its child runs and theirs, with their parameters, metrics and tags.</summary>
/// <remarks>The run store's interface has no deletion yet; <see cref="TrackingStores.OpenDeletion"/> is the one place that picks the implementation.</remarks>
public interface IRunDeletion : IDisposable
{
    /// <summary>Deletes the run <paramref name="runId"/> and every run under it, in one transaction.</summary>
    /// <returns>How many runs were deleted (0 when there is no such run).</returns>
    /// <exception cref="Core.KilnException">The store refuses (another record, such as a registered model version, refers to one of the runs).</exception>
    int DeleteRunTree(string runId);
}
