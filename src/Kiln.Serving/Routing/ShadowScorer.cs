using System.Diagnostics;
using System.Threading.Channels;
using Kiln.Core.Data;
using Kiln.Serving.Metrics;
using Kiln.Serving.Predictions;

namespace Kiln.Serving.Routing;

/// <summary>
/// Scores each answered request's rows with its name's shadow model, after the answer and off the request path: requests
/// queue their rows (a bounded queue; when it is full the rows are dropped and counted, never waited for) and one
/// background task scores them and logs the predictions with the role <c>shadow</c> and the champion's prediction ids.
/// Each request offered is counted as scored, dropped or failed (<c>kiln_shadow_requests_total</c>); a shadow that fails
/// never affects an answer.
/// </summary>
internal sealed class ShadowScorer : IAsyncDisposable
{
    /// <summary>The most requests waiting to be shadowed.</summary>
    public const int QueueCapacity = 1024;

    /// <summary>The outcomes counted per request offered: scored, dropped (the queue was full), failed.</summary>
    public const string ScoredOutcome = "scored";

    /// <inheritdoc cref="ScoredOutcome"/>
    public const string DroppedOutcome = "dropped";

    /// <inheritdoc cref="ScoredOutcome"/>
    public const string FailedOutcome = "failed";

    private readonly ModelCatalog _catalog;
    private readonly PredictionLog? _log;
    private readonly IPredictionCounter _counter;
    private readonly IShadowCounter? _outcomes;
    private readonly TimeProvider _time;
    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _worker;

    public ShadowScorer(ModelCatalog catalog, PredictionLog? log, IPredictionCounter counter, IShadowCounter? outcomes, TimeProvider time)
    {
        _catalog = catalog;
        _log = log;
        _counter = counter;
        _outcomes = outcomes;
        _time = time;
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>Queues <paramref name="rows"/>, answered by <paramref name="answered"/>, for its name's shadow, if it has one; <paramref name="ids"/> and <paramref name="sampled"/> are the champion's log ids and sampled rows.</summary>
    public void Offer(ServedModel answered, Table rows, IReadOnlyList<string>? ids, int[] sampled)
    {
        if (answered.Role == ServingRole.Shadow || _catalog.RouteOf(answered.Name)?.Shadow is not { } slot)
            return;
        if (!_queue.Writer.TryWrite(new Work(slot, rows, ids, sampled)))
        {
            _outcomes?.Shadowed(answered.Name, DroppedOutcome);
        }
    }

    /// <summary>Waits until every request queued before the call is scored (and handed to the log).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Work(null, null, null, [], done), cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
    }

    private async Task WorkAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (work.Done is { } done)
            {
                done.TrySetResult();
                continue;
            }
            var name = work.Slot!.Reference.Name;
            try
            {
                Score(work.Slot, work.Rows!, work.Ids, work.Sampled);
                _outcomes?.Shadowed(name, ScoredOutcome);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _outcomes?.Shadowed(name, FailedOutcome);
            }
        }
    }

    private void Score(ModelSlot slot, Table rows, IReadOnlyList<string>? ids, int[] sampled)
    {
        using var lease = slot.Acquire();
        var shadow = lease.Model;
        var started = Stopwatch.GetTimestamp();
        var predictions = shadow.Model.Predict(rows);
        var probabilities = shadow.Classes is null ? null : shadow.Model.PredictProbabilities(rows);
        var latency = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        _counter.Scored(shadow, predictions.Length);
        if (_log is not null && ids is not null && sampled.Length > 0)
            _log.TryAppend(new PredictionBatch(shadow, _time.GetUtcNow(), latency, rows, ids, predictions, probabilities, sampled));
    }

    private sealed record Work(ModelSlot? Slot, Table? Rows, IReadOnlyList<string>? Ids, int[] Sampled, TaskCompletionSource? Done = null);
}
