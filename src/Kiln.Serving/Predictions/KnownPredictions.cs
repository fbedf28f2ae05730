using System.Collections.Concurrent;

namespace Kiln.Serving.Predictions;

/// <summary>The prediction ids this server has answered, with their model and version, for feedback; the oldest are forgotten beyond a limit.</summary>
internal sealed class KnownPredictions(int capacity)
{
    private readonly ConcurrentDictionary<string, ServedModel> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _models.Count;

    public void Add(IReadOnlyList<string> ids, ServedModel model)
    {
        foreach (var id in ids)
        {
            _models[id] = model;
            _order.Enqueue(id);
        }
        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
            _models.TryRemove(oldest, out _);
    }

    public ServedModel? Find(string id) => _models.GetValueOrDefault(id);
}
