using Kiln.Tracking.Registry;

namespace Kiln.Serving.Routing;

/// <summary>
/// A reference as served (<c>penguins@champion</c>, <c>penguins</c>, <c>penguins/3</c>) in a role, holding the model it
/// resolves to now. A slot that follows an alias or the latest version can be given another version; the field is
/// swapped atomically, and a request reads it once (<see cref="Acquire"/>) and keeps that model to its end.
/// </summary>
internal sealed class ModelSlot
{
    private ServedModel _current;

    public ModelSlot(ModelReference reference, ServingRole role, ServedModel current)
    {
        Reference = reference;
        Role = role;
        _current = current;
    }

    public ModelReference Reference { get; }

    public ServingRole Role { get; }

    /// <summary>Whether the registry can give this reference another version (an alias or the bare name, not NAME/N).</summary>
    public bool Follows => Reference.Kind != ModelReferenceKind.Version;

    /// <summary>The model served now.</summary>
    public ServedModel Current => Volatile.Read(ref _current);

    /// <summary>The latest problem reloading this slot (a bundle that does not load, a reference that no longer resolves), or null.</summary>
    public string? Problem { get; set; }

    /// <summary>Leases the current model; retried when a swap retired the model read.</summary>
    public ModelLease Acquire()
    {
        while (true)
        {
            var model = Current;
            if (model.TryAcquire())
                return new ModelLease(model);
        }
    }

    /// <summary>Serves <paramref name="model"/> from now on; the caller retires what this returns when no slot serves it.</summary>
    public ServedModel Swap(ServedModel model) => Interlocked.Exchange(ref _current, model);

    public override string ToString() => Reference.ToString();
}
