namespace Kiln.Serving.Predictions;

/// <summary>How much of the prediction log is kept and how much traffic goes into it.</summary>
public sealed record PredictionLogOptions
{
    /// <summary>The size at which a log file is closed and a new one started, in bytes.</summary>
    /// <value>Default 64 MiB.</value>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most files kept per model and log kind (predictions, feedback); the oldest is deleted when a new one would exceed it.</summary>
    /// <value>Default 10.</value>
    public int MaxFiles { get; init; } = 10;

    /// <summary>The share of predicted rows written to the log, from 0 (none) to 1 (all).</summary>
    /// <value>Default 1.</value>
    public double SamplingRate { get; init; } = 1.0;

    /// <summary>The seed of the sampling decisions; <see langword="null"/> seeds from the operating system's random source.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public ulong? SamplingSeed { get; init; }

    /// <summary>The most requests waiting for the background writer; when it is full, a request's log entry is dropped and counted, never waited for.</summary>
    /// <value>Default 4096.</value>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>The most prediction ids the server remembers for feedback; the oldest are forgotten first.</summary>
    /// <value>Default 1 000 000.</value>
    public int RememberedIds { get; init; } = 1_000_000;

    /// <summary>
    /// Where the log reports, in a line each, what a starting server read back from it for feedback (ids, files, time) and
    /// the lines it skipped (cut short by a crash, or not prediction lines); <see langword="null"/> reports nowhere.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public Action<string>? Report { get; init; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFileBytes, 1024, nameof(MaxFileBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFiles, 1, nameof(MaxFiles));
        if (!(SamplingRate is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(SamplingRate), SamplingRate, "The sampling rate is a share of rows from 0 to 1.");
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(RememberedIds, 1, nameof(RememberedIds));
    }
}
