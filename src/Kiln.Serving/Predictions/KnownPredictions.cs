using System.Collections.Concurrent;

namespace Kiln.Serving.Predictions;

/// <summary>
/// The prediction ids this server takes feedback for, with the model name, version and role that answered them: those it
/// answered, after those its prediction log kept from before it started; the oldest are forgotten beyond a limit.
/// </summary>
internal sealed class KnownPredictions
{
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, KnownPrediction> _models;
    private readonly ConcurrentQueue<string> _order = new();

    public KnownPredictions(int capacity)
        : this(capacity, [])
    {
    }

    /// <summary>Remembers <paramref name="logged"/> (oldest first) as if answered before any other; beyond the limit the oldest are left out.</summary>
    public KnownPredictions(int capacity, IReadOnlyList<(string Id, KnownPrediction Prediction)> logged)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        var skipped = Math.Max(0, logged.Count - capacity);
        _models = new ConcurrentDictionary<string, KnownPrediction>(Environment.ProcessorCount, Math.Min(logged.Count, capacity), StringComparer.Ordinal);
        for (var index = skipped; index < logged.Count; index++)
        {
            var (id, prediction) = logged[index];
            _models[id] = prediction;
            _order.Enqueue(id);
        }
    }

    public int Count => _models.Count;

    public void Add(IReadOnlyList<string> ids, ServedModel model)
    {
        var prediction = new KnownPrediction(model.Name, model.Version, model.Role);
        foreach (var id in ids)
        {
            _models[id] = prediction;
            _order.Enqueue(id);
        }
        while (_order.Count > _capacity && _order.TryDequeue(out var oldest))
            _models.TryRemove(oldest, out _);
    }

    public KnownPrediction? Find(string id) => _models.TryGetValue(id, out var prediction) ? prediction : null;
}
