using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Kiln.Core;

namespace Kiln.Serving.Predictions;

/// <summary>
/// The prediction log of a server: every sampled prediction (id, UTC time, model name, version and role — champion, canary
/// or shadow —, latency in µs, inputs, prediction, probabilities) and every feedback (id, version, actual outcome) as JSON Lines under
/// <c>STORE/serving/predictions/MODEL/</c> (<c>predictions-NNNNNN.jsonl</c>, <c>feedback-NNNNNN.jsonl</c>), rotated by size.
/// </summary>
/// <remarks>
/// Requests hand their entries to a bounded queue and return at once; one background task writes them. When the queue is
/// full the entry is dropped and counted (<see cref="DroppedRows"/>), so a slow disk never slows a request.
/// <see cref="DisposeAsync"/> writes what is queued and closes the files.
/// </remarks>
public sealed class PredictionLog : IAsyncDisposable
{
    /// <summary>The prefix of prediction log files.</summary>
    public const string PredictionsPrefix = "predictions";

    /// <summary>The prefix of feedback log files.</summary>
    public const string FeedbackPrefix = "feedback";

    /// <summary>The longest a written line waits in the file's buffer before it is handed to the operating system.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly PredictionLogOptions _options;
    private readonly Channel<LogEntry> _queue;
    private readonly Dictionary<string, RotatingFile> _files = new(StringComparer.Ordinal);
    private readonly KilnRandom _sampling;
    private readonly Lock _samplingLock = new();
    private readonly LogLineWriter _lines = new();
    private Task? _writer;
    private long _droppedRows;
    private long _writtenRows;
    private long _failedRows;
    private bool _unflushed;
    private long _flushedAt;
    private Task? _flushDeadline;

    /// <summary>Opens the log of the store at <paramref name="storeRoot"/> and starts its background writer.</summary>
    /// <param name="storeRoot">The store's root folder; the log goes to <c>serving/predictions</c> under it.</param>
    /// <param name="options">Sizes, sampling and queue capacity.</param>
    public PredictionLog(string storeRoot, PredictionLogOptions options)
        : this(storeRoot, options, start: true)
    {
    }

    internal PredictionLog(string storeRoot, PredictionLogOptions options, bool start)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Folder = Path.Combine(storeRoot, "serving", "predictions");
        _sampling = new KilnRandom(options.SamplingSeed ?? EntropySeed());
        _queue = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        if (start)
            Start();
    }

    /// <summary>The folder that holds one sub-folder per model.</summary>
    public string Folder { get; }

    /// <summary>Rows (predictions or feedback) dropped because the queue was full.</summary>
    public long DroppedRows => Interlocked.Read(ref _droppedRows);

    /// <summary>Rows written to the files so far.</summary>
    public long WrittenRows => Interlocked.Read(ref _writtenRows);

    /// <summary>Rows lost because a file could not be written (a full or read-only disk).</summary>
    public long FailedRows => Interlocked.Read(ref _failedRows);

    /// <summary>The folder of model <paramref name="model"/>'s log files.</summary>
    public string FolderOf(string model) => Path.Combine(Folder, model);

    /// <summary>Waits until every entry queued before the call is written and the files are flushed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var marker = new FlushMarker();
        await _queue.Writer.WriteAsync(marker, cancellationToken).ConfigureAwait(false);
        await marker.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is queued, stops the writer and closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is null)
            Start();
        await _writer!.ConfigureAwait(false);
        foreach (var file in _files.Values)
            file.Dispose();
        _files.Clear();
        _lines.Dispose();
    }

    internal void Start() => _writer ??= Task.Run(WriteAllAsync);

    /// <summary>Decides, with the seeded sampler, which of <paramref name="rows"/> rows are logged.</summary>
    internal int[] Sample(int rows)
    {
        var rate = _options.SamplingRate;
        if (rate >= 1)
            return [.. Enumerable.Range(0, rows)];
        if (rate <= 0)
            return [];
        var sampled = new List<int>();
        lock (_samplingLock)
        {
            for (var row = 0; row < rows; row++)
            {
                if (_sampling.NextDouble() < rate)
                    sampled.Add(row);
            }
        }
        return [.. sampled];
    }

    /// <summary>Queues a request's predictions; false (and counted as dropped) when the queue is full.</summary>
    internal bool TryAppend(PredictionBatch batch)
    {
        if (batch.SampledRows.Length == 0)
            return true;
        return TryQueue(batch, batch.SampledRows.Length);
    }

    /// <summary>Queues a request's feedback; false (and counted as dropped) when the queue is full.</summary>
    internal bool TryAppend(FeedbackBatch batch) => TryQueue(batch, batch.Entries.Count);

    private bool TryQueue(LogEntry entry, int rows)
    {
        if (_queue.Writer.TryWrite(entry))
            return true;
        Interlocked.Add(ref _droppedRows, rows);
        return false;
    }

    // Lines reach the file when the queue runs dry and FlushInterval has passed since the last flush, or when nothing more
    // came within FlushInterval: one write to the operating system per interval under load instead of one per request.
    private async Task WriteAllAsync()
    {
        var reader = _queue.Reader;
        _flushedAt = Stopwatch.GetTimestamp();
        while (true)
        {
            while (reader.TryRead(out var entry))
                Write(entry);
            var waited = Stopwatch.GetElapsedTime(_flushedAt);
            if (_unflushed && waited >= FlushInterval)
                TryFlushFiles();
            var more = reader.WaitToReadAsync();
            if (_unflushed && !more.IsCompleted)
            {
                var next = more.AsTask();
                _flushDeadline ??= Task.Delay(FlushInterval - waited);
                if (await Task.WhenAny(next, _flushDeadline).ConfigureAwait(false) != next)
                    TryFlushFiles();
                if (!await next.ConfigureAwait(false))
                    break;
            }
            else if (!await more.ConfigureAwait(false))
            {
                break;
            }
        }
        TryFlushFiles();
    }

    // A failed write (a full or read-only disk) loses the entry's rows, counted, and never stops the writer.
    private void Write(LogEntry entry)
    {
        try
        {
            switch (entry)
            {
                case PredictionBatch predictions:
                    Write(predictions);
                    break;
                case FeedbackBatch feedback:
                    Write(feedback);
                    break;
                case FlushMarker marker:
                    FlushFiles();
                    marker.Done.TrySetResult();
                    break;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Interlocked.Add(ref _failedRows, RowsOf(entry));
            if (entry is FlushMarker marker)
                marker.Done.TrySetResult();
        }
    }

    private static int RowsOf(LogEntry entry) => entry switch
    {
        PredictionBatch predictions => predictions.SampledRows.Length,
        FeedbackBatch feedback => feedback.Entries.Count,
        _ => 0,
    };

    private void TryFlushFiles()
    {
        try
        {
            FlushFiles();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The lines still buffered are written (or fail and are counted) with the next write or flush.
        }
    }

    private void FlushFiles()
    {
        _unflushed = false;
        _flushDeadline = null;
        _flushedAt = Stopwatch.GetTimestamp();
        foreach (var file in _files.Values)
            file.Flush();
    }

    private void Write(PredictionBatch batch)
    {
        var file = FileOf(batch.Model.Name, PredictionsPrefix);
        foreach (var row in batch.SampledRows)
            WriteLine(file, _lines.Prediction(batch, row));
    }

    private void Write(FeedbackBatch batch)
    {
        var file = FileOf(batch.Model, FeedbackPrefix);
        foreach (var entry in batch.Entries)
            WriteLine(file, _lines.Feedback(batch, entry));
    }

    private void WriteLine(RotatingFile file, ReadOnlySpan<byte> line)
    {
        file.Write(line);
        _unflushed = true;
        Interlocked.Increment(ref _writtenRows);
    }

    private RotatingFile FileOf(string model, string prefix)
    {
        var key = model + "/" + prefix;
        if (!_files.TryGetValue(key, out var file))
        {
            file = new RotatingFile(FolderOf(model), prefix, _options.MaxFileBytes, _options.MaxFiles);
            _files[key] = file;
        }
        return file;
    }

    private static ulong EntropySeed()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    private sealed record FlushMarker : LogEntry
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
