using Kiln.Core.Metrics;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Runs;

/// <summary>What a finished run produced: where its outputs are, and the numbers the CLI summarizes.</summary>
public sealed class RunResult
{
    /// <summary>The run id, job name and start time.</summary>
    public required RunIdentity Identity { get; init; }

    /// <summary>The published job folder, <c>ns=&lt;namespace&gt;/output/&lt;name&gt;/year=…/month=…/day=…/&lt;job_name&gt;</c>.</summary>
    public required string JobDirectory { get; init; }

    /// <summary>The name of the saved model bundle in <see cref="JobDirectory"/>.</summary>
    public const string ModelFileName = Steps.SaveStep.ModelFileName;

    /// <summary>
    /// Where the job's <see cref="ModelFileName"/> was published on the artifact root besides the store
    /// (<see cref="RunOptions.ArtifactRoot"/>): <c>s3://bucket/prefix/ns=…/output/…/&lt;job_name&gt;/model.kiln</c>; null
    /// when the run published only to the local store.
    /// </summary>
    public string? PublishedBundle { get; init; }

    /// <summary>The stored data version's folder.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The configuration as run, every default filled in.</summary>
    public required ResolvedConfig Config { get; init; }

    /// <summary>The data rows in the file.</summary>
    public required int RowsRead { get; init; }

    /// <summary>The rows left out because their target is missing.</summary>
    public required int RowsMissingTarget { get; init; }

    /// <summary>The rows in the train, validation and test parts.</summary>
    public required (int Train, int Validation, int Test) SplitSizes { get; init; }

    /// <summary>The baseline's validation scores.</summary>
    public required CandidateScores Baseline { get; init; }

    /// <summary>Every candidate's validation scores, in kiln.yaml's order.</summary>
    public required IReadOnlyList<CandidateScores> Candidates { get; init; }

    /// <summary>The chosen candidate's label.</summary>
    public required string Selected { get; init; }

    /// <summary>Every metric of the chosen model on the sealed test rows.</summary>
    public required MetricReport Test { get; init; }

    /// <summary>What the run found worth the user's attention.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The text of the run's metrics.json.</summary>
    public required string MetricsJson { get; init; }

    /// <summary>What the run store refused to record (the run went on regardless); empty when the run was recorded completely or not at all.</summary>
    public IReadOnlyList<string> TrackingProblems { get; init; } = [];
}
