using System.Globalization;
using Kiln.Workflow.Scoring;

namespace Kiln.Cli.Commands;

/// <summary>Shows a batch prediction's progress on standard error: a bar redrawn in place on a terminal, else a plain line every few seconds.</summary>
/// <remarks>Lines never interleave: the job reports one chunk at a time.</remarks>
internal sealed class PredictProgress(TextWriter writer, bool isTerminal) : IProgress<BatchProgress>
{
    /// <summary>How often a plain line is printed when standard error is not a terminal.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);
    private const int BarWidth = 24;

    // A terminal shows the bar at once; a plain line first comes after one interval, when the rate means something.
    private TimeSpan? _lastShown = isTerminal ? null : TimeSpan.Zero;
    private bool _lineOpen;

    public void Report(BatchProgress value)
    {
        var interval = isTerminal ? TerminalInterval : PlainInterval;
        var finished = value.TotalRows is { } total && !value.IsEstimate && value.RowsDone >= total;
        if (_lastShown is { } last && value.Elapsed - last < interval && !(finished && isTerminal))
            return;
        _lastShown = value.Elapsed;
        if (isTerminal)
        {
            writer.Write($"\r{Bar(value)} {Describe(value)}\u001b[K");
            _lineOpen = true;
        }
        else
        {
            writer.WriteLine(Describe(value));
        }
    }

    /// <summary>Ends the line a terminal bar was drawn on.</summary>
    public void Finish()
    {
        if (_lineOpen)
            writer.WriteLine();
        _lineOpen = false;
    }

    /// <summary>The progress in words: "predicted 131,072 of ~1,000,000 rows (13.1 %), 52,300 rows/s, 0:17 left".</summary>
    public static string Describe(BatchProgress value)
    {
        var text = value.TotalRows is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"predicted {value.RowsDone:N0} of {(value.IsEstimate ? "~" : "")}{total:N0} rows ({100.0 * value.RowsDone / Math.Max(1, total):F1} %)")
            : string.Create(CultureInfo.InvariantCulture, $"predicted {value.RowsDone:N0} rows");
        text += string.Create(CultureInfo.InvariantCulture, $", {value.RowsPerSecond:N0} rows/s");
        if (value.Remaining is { } remaining)
            text += $", {Duration(remaining)} left";
        return text;
    }

    private static string Bar(BatchProgress value)
    {
        if (value.TotalRows is not { } total)
            return "[" + new string('?', BarWidth) + "]";
        var filled = (int)Math.Clamp(BarWidth * value.RowsDone / Math.Max(1, total), 0, BarWidth);
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
    }

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:D2}:{span.Seconds:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:D2}");
}
