namespace Kiln.Core.Learners;

/// <summary>Everything about one fit that is not a hyperparameter: cancellation, progress, metrics, validation data, checkpoints.</summary>
public sealed class FitContext
{
    /// <summary>A context with no cancellation, no listeners and no validation set.</summary>
    public static FitContext None { get; } = new();

    /// <summary>Cancels the fit; learners check it between iterations and throw <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives progress reports, or <see langword="null"/>.</summary>
    public IProgress<FitProgress>? Progress { get; init; }

    /// <summary>Receives per-iteration or per-epoch metrics (training curves, early stopping), or <see langword="null"/>.</summary>
    public IMetricSink? Metrics { get; init; }

    /// <summary>Rows for early stopping and validation curves, or <see langword="null"/>. Never used to fit parameters.</summary>
    public TrainingSet? Validation { get; init; }

    /// <summary>Where long fits save and find checkpoints, or <see langword="null"/>.</summary>
    public ICheckpointStore? Checkpoints { get; init; }

    /// <summary>The most threads the fit may use.</summary>
    /// <value>Default <see cref="Environment.ProcessorCount"/>.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The clock, for time budgets and timestamps.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reports progress when a listener is attached.</summary>
    public void Report(string stage, long completed, long total) => Progress?.Report(new FitProgress(stage, completed, total));

    /// <summary>Records a metric value when a sink is attached.</summary>
    public void Record(string name, long step, double value) => Metrics?.Record(name, step, value);
}
