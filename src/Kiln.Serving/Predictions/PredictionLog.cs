using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Serving.Routing;

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

    private readonly PredictionLogOptions _options;
    private readonly Channel<LogEntry> _queue;
    private readonly Dictionary<string, RotatingFile> _files = new(StringComparer.Ordinal);
    private readonly KilnRandom _sampling;
    private readonly Lock _samplingLock = new();
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private Task? _writer;
    private long _droppedRows;
    private long _writtenRows;
    private long _failedRows;

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

    private async Task WriteAllAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var entry))
            {
                switch (entry)
                {
                    case PredictionBatch predictions:
                        Guarded(predictions.SampledRows.Length, () => Write(predictions));
                        break;
                    case FeedbackBatch feedback:
                        Guarded(feedback.Entries.Count, () => Write(feedback));
                        break;
                    case FlushMarker marker:
                        Guarded(0, FlushFiles);
                        marker.Done.TrySetResult();
                        break;
                }
            }
            Guarded(0, FlushFiles);
        }
    }

    private void Guarded(int rows, Action write)
    {
        try
        {
            write();
        }
        catch (IOException)
        {
            Interlocked.Add(ref _failedRows, rows);
        }
        catch (UnauthorizedAccessException)
        {
            Interlocked.Add(ref _failedRows, rows);
        }
    }

    private void FlushFiles()
    {
        foreach (var file in _files.Values)
            file.Flush();
    }

    private void Write(PredictionBatch batch)
    {
        var file = FileOf(batch.Model.Name, PredictionsPrefix);
        var classes = batch.Model.Classes;
        var time = batch.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        foreach (var row in batch.SampledRows)
        {
            _line.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_line))
            {
                json.WriteStartObject();
                json.WriteString("id", batch.Ids[row]);
                json.WriteString("time", time);
                json.WriteString("model", batch.Model.Name);
                json.WriteNumber("version", batch.Model.Version);
                json.WriteString("role", RoleNames.Of(batch.Model.Role));
                json.WriteNumber("latency_us", batch.LatencyMicroseconds);
                json.WriteStartObject("inputs");
                foreach (var column in batch.Inputs.Columns)
                    WriteCell(json, column, row);
                json.WriteEndObject();
                if (classes is null)
                {
                    json.WriteNumber("prediction", batch.Predictions[row]);
                }
                else
                {
                    json.WriteString("prediction", classes[(int)batch.Predictions[row]]);
                    if (batch.Probabilities is { } probabilities)
                    {
                        json.WriteStartObject("probabilities");
                        for (var k = 0; k < classes.Count; k++)
                            json.WriteNumber(classes[k], probabilities[(row * classes.Count) + k]);
                        json.WriteEndObject();
                    }
                }
                json.WriteEndObject();
            }
            WriteLine(file);
        }
    }

    private void Write(FeedbackBatch batch)
    {
        var file = FileOf(batch.Model, FeedbackPrefix);
        var time = batch.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        foreach (var entry in batch.Entries)
        {
            _line.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_line))
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                json.WriteString("time", time);
                json.WriteString("model", batch.Model);
                json.WriteNumber("version", entry.Version);
                if (entry.Label is { } label)
                    json.WriteString("actual", label);
                else
                    json.WriteNumber("actual", entry.Value);
                json.WriteEndObject();
            }
            WriteLine(file);
        }
    }

    private void WriteLine(RotatingFile file)
    {
        _line.Write("\n"u8);
        file.Write(_line.WrittenSpan);
        Interlocked.Increment(ref _writtenRows);
    }

    private static void WriteCell(Utf8JsonWriter json, Column column, int row)
    {
        if (column.IsMissing(row))
            json.WriteNull(column.Name);
        else if (column is NumericColumn numbers)
            json.WriteNumber(column.Name, numbers[row]);
        else
            json.WriteString(column.Name, column.FormatValue(row));
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
