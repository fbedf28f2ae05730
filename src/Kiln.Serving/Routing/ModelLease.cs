namespace Kiln.Serving.Routing;

/// <summary>A request's hold on the model it started with: the model stays loaded until the lease is disposed, whatever swaps happen meanwhile.</summary>
internal sealed class ModelLease : IDisposable
{
    private int _disposed;

    public ModelLease(ServedModel model) => Model = model;

    public ServedModel Model { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            Model.Release();
    }
}
