namespace Kiln.Workflow.Runs;

/// <summary>Where and how a run happens: the store, the clock, the progress listener; nothing that changes its results.</summary>
public sealed record RunOptions
{
    /// <summary>The store's root folder, a full path (see <see cref="Store.StoreRoot.Resolve"/>).</summary>
    public required string StoreRoot { get; init; }

    /// <summary>The clock: the run's start time picks its day folders and is recorded in its outputs.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives one line per step (several for the longer steps), synchronously, or <see langword="null"/>.</summary>
    public IProgress<StepProgress>? Progress { get; init; }

    /// <summary>The seed of the run id (and so of a generated job name); <see langword="null"/> for one from the operating system's random source.</summary>
    /// <remarks>Tests fix it; it never influences results, which depend on kiln.yaml's <c>seed</c> only.</remarks>
    public ulong? RunIdSeed { get; init; }

    /// <summary>The most cross-validation folds fitted at once.</summary>
    /// <value>Default <see cref="Environment.ProcessorCount"/>. Results do not depend on it.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Stops the run between steps and fits; nothing is published then.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Where the run is recorded (see <see cref="Tracking.RunRecorder"/>), or <see langword="null"/> to record it nowhere.</summary>
    public Tracking.RunTracking? Tracking { get; init; }

    /// <summary>An artifact root besides the store (<c>s3://bucket/prefix</c>, or another folder) where the job folder and the data version are also published, at the same keys; <see langword="null"/> for none.</summary>
    /// <remarks>The run still stages, caches and publishes under <see cref="StoreRoot"/>; see <see cref="Store.ArtifactPublisher"/>.</remarks>
    public string? ArtifactRoot { get; init; }

    /// <summary>Whether fits are looked up in and stored to the store's fit cache (<c>.cache</c>), so a re-run repeats only what changed or did not finish.</summary>
    /// <value>Default <see langword="true"/>. Results are the same either way.</value>
    public bool UseCache { get; init; } = true;

    /// <summary>Called after each checkpoint a fit saves to the fit cache, with its step; tests use it to interrupt a fit at a known point.</summary>
    internal Action<long>? CheckpointSaved { get; init; }
}
