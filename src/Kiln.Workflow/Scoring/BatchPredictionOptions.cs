namespace Kiln.Workflow.Scoring;

/// <summary>What <see cref="BatchPrediction.Run(BatchPredictionOptions, IProgress{BatchProgress}?, CancellationToken)"/> scores, where it writes, and how.</summary>
public sealed record BatchPredictionOptions
{
    /// <summary>The default <see cref="ChunkRows"/>.</summary>
    public const int DefaultChunkRows = 65_536;

    /// <summary>A <c>.kiln</c> bundle holding a pipeline, as <c>kiln run</c> saves.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The rows to score: <c>.parquet</c> / <c>.pq</c> is read as Parquet, anything else as CSV.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where to write: Parquet for <c>.parquet</c> / <c>.pq</c>, CSV otherwise; it appears only once all is written.</summary>
    public required string OutputPath { get; init; }

    /// <summary>An input column to copy into the output as the id, or <see langword="null"/> for a <c>row</c> column (the 0-based row number).</summary>
    public string? IdColumn { get; init; }

    /// <summary>The rows read, scored and written at once; a Parquet chunk also ends at its row group's end.</summary>
    /// <value>Default <see cref="DefaultChunkRows"/>.</value>
    public int ChunkRows { get; init; } = DefaultChunkRows;

    /// <summary>How many chunks are scored at once.</summary>
    /// <value>Default the number of cores.</value>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether to discard an unfinished job's chunks and start again, instead of resuming (or refusing a job started with other arguments).</summary>
    public bool Restart { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="Core.KilnException">A count is below 1.</exception>
    public void Validate()
    {
        if (ChunkRows < 1)
            throw new Core.KilnException($"--chunk-rows is {ChunkRows}; it must be at least 1 (the default is {DefaultChunkRows:N0}).");
        if (Threads < 1)
            throw new Core.KilnException($"--threads is {Threads}; it must be at least 1 (the default is the number of cores, {Environment.ProcessorCount}).");
    }
}
