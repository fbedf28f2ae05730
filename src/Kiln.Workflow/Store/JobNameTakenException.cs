using Kiln.Core;

namespace Kiln.Workflow.Store;

/// <summary>A job name is already used in the namespace; job names are never reused, so a run's outputs are never overwritten.</summary>
public sealed class JobNameTakenException : KilnException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="jobName">The job name asked for.</param>
    /// <param name="existing">The folder of the job that has the name.</param>
    public JobNameTakenException(string ns, string jobName, string existing)
        : base($"Job name '{jobName}' is already used in namespace '{ns}' (by {existing}). Choose another job_name, or leave it out to have one generated.")
    {
        Namespace = ns;
        JobName = jobName;
        Existing = existing;
    }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary>The job name asked for.</summary>
    public string JobName { get; }

    /// <summary>The folder of the job that has the name.</summary>
    public string Existing { get; }
}
