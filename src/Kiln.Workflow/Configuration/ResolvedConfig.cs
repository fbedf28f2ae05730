using Kiln.Core.Learners;

namespace Kiln.Workflow.Configuration;

/// <summary>A kiln.yaml with every default filled in and the task known: what a run uses and writes back as its <c>kiln.yaml</c>.</summary>
/// <remarks>Made by <see cref="KilnConfig.Resolve"/>; written by <see cref="ResolvedConfigWriter"/>, whose output parses back to the same resolved configuration.</remarks>
public sealed record ResolvedConfig
{
    /// <summary>The model name.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The job name, or <see langword="null"/> until the run generates one.</summary>
    public string? JobName { get; init; }

    /// <summary>The data source.</summary>
    public required DataSource Data { get; init; }

    /// <summary>The target column.</summary>
    public required string Target { get; init; }

    /// <summary>Columns that are not features.</summary>
    public required IReadOnlyList<string> Ignore { get; init; }

    /// <summary>Classification or regression.</summary>
    public required LearnerTask Task { get; init; }

    /// <summary>Whether the task was inferred from the target rather than written in kiln.yaml.</summary>
    public bool TaskWasInferred { get; init; }

    /// <summary>The selection metric's canonical name (see <see cref="Kiln.Core.Metrics.MetricCatalog"/>).</summary>
    public required string Metric { get; init; }

    /// <summary>The seed of every random choice of the run.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The train / validation / test shares.</summary>
    public required SplitFractions Split { get; init; }

    /// <summary>The validation method (never null here), folds and repeats.</summary>
    public required ValidationSettings Validation { get; init; }

    /// <summary>The candidates with every hyperparameter filled in.</summary>
    public required IReadOnlyList<ResolvedCandidate> Candidates { get; init; }
}
