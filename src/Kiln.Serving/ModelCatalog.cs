using System.Security.Cryptography;
using Kiln.Core;
using Kiln.Serving.Routing;
using Kiln.Tracking.Registry;

namespace Kiln.Serving;

/// <summary>
/// The models one server serves, by name and version: one slot per reference asked for (<c>penguins@champion</c>,
/// <c>penguins</c>, <c>penguins/3</c>), plus any canary and shadow challengers. The first reference given for a name is
/// what the bare name means; a slot that follows an alias or the latest version can be swapped to another version while
/// requests run (<see cref="ReloadOptions"/>).
/// </summary>
public sealed class ModelCatalog
{
    private readonly List<ModelSlot> _slots = [];
    private readonly Dictionary<string, NameRoute> _routes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Lock _swapGate = new();
    private readonly Lock _drawGate = new();
    private readonly KilnRandom _draws;

    /// <summary>A catalog of already loaded models, each a champion served by its first reference (or NAME/VERSION).</summary>
    /// <exception cref="ArgumentException">No models, or one name and version listed twice.</exception>
    public ModelCatalog(IEnumerable<ServedModel> models)
        : this(Seeded(null))
    {
        ArgumentNullException.ThrowIfNull(models);
        ServedModel[] given = [.. models];
        if (given.Length == 0)
            throw new ArgumentException("A server needs at least one model to serve.", nameof(models));
        var duplicate = given.GroupBy(model => (model.Name, model.Version)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Model {duplicate.Key.Name}/{duplicate.Key.Version} is listed twice; list each version once.", nameof(models));
        foreach (var model in given)
        {
            var references = model.References.Count == 0 ? [model.ToString()] : model.References;
            foreach (var text in references)
            {
                var reference = ModelReference.TryParse(text, out var parsed) && parsed.Name == model.Name ? parsed : ModelReference.ToVersion(model.Name, model.Version);
                AddChampion(new ModelSlot(reference, ServingRole.Champion, model));
            }
        }
    }

    private ModelCatalog(KilnRandom draws) => _draws = draws;

    /// <summary>Every served version (champions first, then canaries and shadows), each name and version once.</summary>
    public IReadOnlyList<ServedModel> Models
    {
        get
        {
            var seen = new HashSet<(string, int)>();
            return [.. _slots.OrderBy(slot => slot.Role).Select(slot => slot.Current).Where(model => seen.Add((model.Name, model.Version)))];
        }
    }

    /// <summary>The distinct names, in the order first given.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The versions served under <paramref name="name"/>, default first.</summary>
    public IReadOnlyList<ServedModel> VersionsOf(string name)
    {
        if (!_routes.TryGetValue(name, out var route))
            return [];
        var seen = new HashSet<int>();
        return [.. route.Slots.Select(slot => slot.Current).Where(model => seen.Add(model.Version))];
    }

    /// <summary>The version <paramref name="version"/> of <paramref name="name"/>, or what the bare name serves now when <paramref name="version"/> is null; null when not served.</summary>
    public ServedModel? Find(string name, int? version = null)
    {
        if (!_routes.TryGetValue(name, out var route))
            return null;
        return version is null ? route.Primary.Current : route.Slots.Select(slot => slot.Current).FirstOrDefault(model => model.Version == version);
    }

    /// <summary>Resolves every reference through <paramref name="registry"/> and loads each distinct version's bundle once.</summary>
    /// <exception cref="KilnException">A reference does not resolve, a bundle is in object storage (no <see cref="RoutingOptions.BundlePath"/> here), is missing, or holds no pipeline.</exception>
    public static ModelCatalog Load(IModelRegistry registry, IEnumerable<ModelReference> references) => Load(registry, references, new RoutingOptions());

    /// <summary>Resolves every reference and challenger through <paramref name="registry"/> and loads the bundles (each champion version once).</summary>
    /// <exception cref="KilnException">A reference does not resolve, a bundle cannot be served, or a challenger's name is not served or has two challengers of one kind.</exception>
    public static ModelCatalog Load(IModelRegistry registry, IEnumerable<ModelReference> references, RoutingOptions routing)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(routing);
        var catalog = new ModelCatalog(Seeded(routing.Seed)) { BundlePath = routing.BundlePath };
        var loaded = new List<ServedModel>();
        foreach (var reference in references)
        {
            var version = registry.Resolve(reference);
            var model = loaded.Find(model => model.Name == version.Name && model.Version == version.Version);
            if (model is null)
            {
                model = new ServedModel(version.Name, version.Version, [], ModelLoader.Load(version, reference.ToString(), catalog.BundlePath), ServingRole.Champion);
                loaded.Add(model);
            }
            catalog.AddChampion(new ModelSlot(reference, ServingRole.Champion, model));
        }
        if (catalog._slots.Count == 0)
            throw new KilnException("No model to serve: name at least one registered model as NAME, NAME@ALIAS or NAME/VERSION.");
        foreach (var canary in routing.Canaries)
        {
            var route = catalog.RouteForChallenger(canary.Reference, "--canary");
            if (route.Canary is not null)
                throw new KilnException($"'{route.Name}' has two canaries ({route.Canary.Reference} and {canary.Reference}); give one --canary per served name.");
            route.Canary = catalog.LoadChallenger(registry, canary.Reference, ServingRole.Canary);
            route.CanaryPercent = canary.Percent;
        }
        foreach (var shadow in routing.Shadows)
        {
            var route = catalog.RouteForChallenger(shadow, "--shadow");
            if (route.Shadow is not null)
                throw new KilnException($"'{route.Name}' has two shadows ({route.Shadow.Reference} and {shadow}); give one --shadow per served name.");
            route.Shadow = catalog.LoadChallenger(registry, shadow, ServingRole.Shadow);
        }
        catalog.RefreshReferences();
        return catalog;
    }

    /// <summary>Every served reference with the version it serves now: champions in the order given, then canaries and shadows.</summary>
    public IReadOnlyList<ServedSlot> Describe() =>
        [.. Slots.Select(slot => new ServedSlot(slot.Reference.ToString(), slot.Role, slot.Current, slot.Follows,
            slot.Role == ServingRole.Canary ? _routes[slot.Reference.Name].CanaryPercent : null, slot.Problem))];

    /// <summary>Turns a registered bundle location into a local file for loads and reloads (<see cref="RoutingOptions.BundlePath"/>); null: locations as they are.</summary>
    internal Func<string, string>? BundlePath { get; private init; }

    /// <summary>Every slot, champions first in the order given, then canaries and shadows.</summary>
    internal IReadOnlyList<ModelSlot> Slots => [.. _slots.OrderBy(slot => slot.Role)];

    /// <summary>The slot(s) of <paramref name="name"/>, or null when the name is not served.</summary>
    internal NameRoute? RouteOf(string name) => _routes.GetValueOrDefault(name);

    /// <summary>
    /// Leases the model that answers a request for <paramref name="name"/>: with a version, the slot serving that version
    /// (champions first); without, the primary champion, or the canary for its share of the requests when <paramref name="split"/>.
    /// </summary>
    /// <returns>The lease, or null when the name (or that version of it) is not served.</returns>
    internal ModelLease? Acquire(string name, int? version, bool split)
    {
        if (!_routes.TryGetValue(name, out var route))
            return null;
        if (version is null)
        {
            var slot = split && route.Canary is { } canary && Draw(route.CanaryPercent) ? canary : route.Primary;
            return slot.Acquire();
        }
        foreach (var slot in route.Slots)
        {
            var lease = slot.Acquire();
            if (lease.Model.Version == version)
                return lease;
            lease.Dispose();
        }
        return null;
    }

    /// <summary>The model of the same name, version and role that another slot serves now (to share it rather than load it again), or null.</summary>
    internal ServedModel? Serving(string name, int version, ServingRole role)
    {
        lock (_swapGate)
        {
            return _slots.Where(slot => slot.Role == role).Select(slot => slot.Current).FirstOrDefault(model => model.Name == name && model.Version == version);
        }
    }

    /// <summary>Points <paramref name="slot"/> at <paramref name="model"/>; the model swapped out is retired when no other slot serves it.</summary>
    /// <returns>The model served before.</returns>
    internal ServedModel Swap(ModelSlot slot, ServedModel model)
    {
        lock (_swapGate)
        {
            var old = slot.Swap(model);
            RefreshReferences();
            if (!ReferenceEquals(old, model) && !_slots.Any(other => ReferenceEquals(other.Current, old)))
                old.Retire();
            return old;
        }
    }

    private void AddChampion(ModelSlot slot)
    {
        _slots.Add(slot);
        var name = slot.Reference.Name;
        if (_routes.TryGetValue(name, out var route))
        {
            route.AddChampion(slot);
        }
        else
        {
            _routes.Add(name, new NameRoute(name, slot));
            _names.Add(name);
        }
    }

    private NameRoute RouteForChallenger(ModelReference reference, string flag) =>
        _routes.GetValueOrDefault(reference.Name)
        ?? throw new KilnException($"{flag} {reference} challenges '{reference.Name}', which is not served; serve it too (kiln serve {reference.Name}@champion {flag} ...), or name a served model: {string.Join(", ", _names)}.");

    private ModelSlot LoadChallenger(IModelRegistry registry, ModelReference reference, ServingRole role)
    {
        var version = registry.Resolve(reference);
        var model = new ServedModel(version.Name, version.Version, [], ModelLoader.Load(version, reference.ToString(), BundlePath), role);
        var slot = new ModelSlot(reference, role, model);
        _slots.Add(slot);
        return slot;
    }

    // Each model's references are the slots serving it, in slot order.
    private void RefreshReferences()
    {
        foreach (var group in _slots.GroupBy(slot => slot.Current))
            group.Key.SetReferences([.. group.Select(slot => slot.Reference.ToString())]);
    }

    private bool Draw(double percent)
    {
        lock (_drawGate)
        {
            return _draws.NextDouble() * 100 < percent;
        }
    }

    private static KilnRandom Seeded(ulong? seed)
    {
        if (seed is { } given)
            return new KilnRandom(given);
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return new KilnRandom(BitConverter.ToUInt64(bytes));
    }
}
