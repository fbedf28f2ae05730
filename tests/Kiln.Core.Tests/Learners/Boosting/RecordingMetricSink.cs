using System.Collections.Concurrent;
using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners.Boosting;

// Keeps every recorded value, in recording order, for the boosting tests' curve checks.
internal sealed class RecordingMetricSink : IMetricSink
{
    private readonly ConcurrentQueue<(string Name, long Step, double Value)> _values = new();

    public void Record(string name, long step, double value) => _values.Enqueue((name, step, value));

    public IReadOnlyList<long> Steps(string name) => [.. _values.Where(entry => entry.Name == name).Select(entry => entry.Step)];

    public IReadOnlyList<double> Values(string name) => [.. _values.Where(entry => entry.Name == name).Select(entry => entry.Value)];
}
