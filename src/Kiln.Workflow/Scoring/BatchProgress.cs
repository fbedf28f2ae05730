namespace Kiln.Workflow.Scoring;

/// <summary>How far a batch prediction job is, reported after every chunk written.</summary>
/// <param name="RowsDone">The rows scored and written, including those of chunks a resumed job found finished.</param>
/// <param name="TotalRows">The input's rows: exact for Parquet (its footer) and once a CSV file is read to its end; an estimate from the bytes read so far otherwise; <see langword="null"/> when unknown (a gzip CSV).</param>
/// <param name="IsEstimate">Whether <paramref name="TotalRows"/> is an estimate.</param>
/// <param name="RowsThisRun">The rows scored by this run (not resumed), for a rate.</param>
/// <param name="Elapsed">The time since this run started.</param>
public readonly record struct BatchProgress(long RowsDone, long? TotalRows, bool IsEstimate, long RowsThisRun, TimeSpan Elapsed)
{
    /// <summary>Rows scored per second by this run.</summary>
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? RowsThisRun / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the current rate, when the total is known and the rate is positive.</summary>
    public TimeSpan? Remaining => TotalRows is { } total && RowsPerSecond > 0
        ? TimeSpan.FromSeconds(Math.Max(0, total - RowsDone) / RowsPerSecond)
        : null;
}
