using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Serving.Tests.Routing;

/// <summary>A predictor that holds each prediction until <see cref="Open"/> and records its disposal, standing in for a model with native handles.</summary>
internal sealed class GatedPredictor(IPredictor inner) : IPredictor, IDisposable
{
    private readonly ManualResetEventSlim _gate = new(initialState: false);

    /// <summary>Completes when a prediction is waiting at the gate.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Disposed { get; private set; }

    /// <summary>Whether a prediction ran after disposal (what a released native model would crash on).</summary>
    public bool UsedAfterDisposal { get; private set; }

    public Schema InputSchema => inner.InputSchema;

    public string Kind => inner.Kind;

    public void Open() => _gate.Set();

    public void Predict(Table features, Span<double> destination)
    {
        Entered.TrySetResult();
        _gate.Wait(TimeSpan.FromMinutes(1));
        UsedAfterDisposal |= Disposed;
        inner.Predict(features, destination);
    }

    public double PredictRow(ReadOnlySpan<double> features) => inner.PredictRow(features);

    public void Save(BundleWriter writer) => throw new NotSupportedException("A test predictor is not saved.");

    public void Dispose()
    {
        Disposed = true;
        _gate.Dispose();
    }
}
