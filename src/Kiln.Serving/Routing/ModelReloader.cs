using System.Globalization;
using Kiln.Core;
using Kiln.Core.Preparation;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Routing;

/// <summary>
/// Re-resolves the catalog's moving slots through the registry and swaps in versions that changed, loading them off the
/// request path; a version that does not load is reported, counted and skipped until the next forced reload, and the old
/// version keeps serving. One operation at a time: the registry is used from one thread.
/// </summary>
internal sealed class ModelReloader(ModelCatalog catalog, ReloadOptions options, IReloadCounter counter)
{
    private readonly Lock _gate = new();
    private readonly HashSet<(ModelSlot Slot, int Version)> _failed = [];

    public ModelCatalog Catalog { get; } = catalog;

    /// <summary>Re-resolves every slot that follows an alias or the latest version; <paramref name="force"/> retries versions that failed to load before.</summary>
    public IReadOnlyList<SlotChange> ReloadAll(bool force)
    {
        lock (_gate)
        {
            if (force)
                _failed.Clear();
            var changes = new List<SlotChange>();
            foreach (var slot in Catalog.Slots.Where(slot => slot.Follows))
                changes.Add(Reload(slot, preloaded: null, force));
            return changes;
        }
    }

    /// <summary>
    /// Loads version <paramref name="version"/> of <paramref name="name"/> first, then points <paramref name="alias"/> at it
    /// in the registry and swaps every slot that follows <c>name@alias</c> (and the bare name, which may now mean another version).
    /// </summary>
    /// <returns>The version the alias pointed at before (null: new) and the changes to the slots.</returns>
    /// <exception cref="KilnException">No such model or version, or its bundle does not load: the alias is not moved.</exception>
    public (int? Before, IReadOnlyList<SlotChange> Changes) MoveAlias(string name, string alias, int version)
    {
        lock (_gate)
        {
            var registered = options.Registry.GetVersion(name, version)
                ?? throw new ModelNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Model '{name}' has no version {version} in the registry; {Existing(name)}"));
            var reference = ModelReference.ToAlias(name, alias);
            var pipeline = ModelLoader.Load(registered, reference.ToString(), Catalog.BundlePath);
            int? before;
            try
            {
                before = options.Registry.SetAlias(name, alias, version);
            }
            catch
            {
                Discard(pipeline);
                throw;
            }
            Report(string.Create(CultureInfo.InvariantCulture, $"alias {reference} moved from {(before is { } old ? $"version {old}" : "nowhere")} to version {version}"));
            var changes = new List<SlotChange>();
            (ModelVersion, PipelineModel)? unused = (registered, pipeline);
            foreach (var slot in Catalog.Slots.Where(slot => slot.Follows && slot.Reference.Name == name))
            {
                var follows = slot.Reference.Kind == ModelReferenceKind.Alias && slot.Reference.Alias == alias;
                var change = Reload(slot, follows ? unused : null, force: true, out var used);
                if (used)
                    unused = null;
                changes.Add(change);
            }
            if (unused is { } left)
                Discard(left.Item2);
            return (before, changes);
        }
    }

    private SlotChange Reload(ModelSlot slot, (ModelVersion Version, PipelineModel Pipeline)? preloaded, bool force) => Reload(slot, preloaded, force, out _);

    // used: whether the preloaded pipeline now belongs to a served model.
    private SlotChange Reload(ModelSlot slot, (ModelVersion Version, PipelineModel Pipeline)? preloaded, bool force, out bool used)
    {
        used = false;
        var current = slot.Current;
        ModelVersion resolved;
        try
        {
            resolved = preloaded?.Version ?? options.Registry.Resolve(slot.Reference);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            return Problem(slot, current, $"{slot.Reference} no longer resolves ({exception.Message}); version {current.Version} keeps serving", count: false);
        }
        if (resolved.Name == current.Name && resolved.Version == current.Version)
        {
            if (slot.Problem is not null)
                Report(string.Create(CultureInfo.InvariantCulture, $"{slot.Reference} names version {current.Version} again, which serves; its reload problem is over"));
            slot.Problem = null;
            return new SlotChange(slot, current.Version, current.Version, null);
        }
        if (!force && _failed.Contains((slot, resolved.Version)))
            return new SlotChange(slot, current.Version, current.Version, slot.Problem);
        var model = Catalog.Serving(resolved.Name, resolved.Version, slot.Role);
        if (model is null)
        {
            try
            {
                var pipeline = preloaded?.Pipeline ?? ModelLoader.Load(resolved, slot.Reference.ToString(), Catalog.BundlePath);
                used = preloaded is not null;
                model = new ServedModel(resolved.Name, resolved.Version, [], pipeline, slot.Role);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                _failed.Add((slot, resolved.Version));
                return Problem(slot, current, $"{slot.Reference} now names version {resolved.Version}, whose bundle does not load ({exception.Message}); version {current.Version} keeps serving", count: true);
            }
        }
        Catalog.Swap(slot, model);
        slot.Problem = null;
        counter.Swapped(slot.Reference.ToString());
        Report(string.Create(CultureInfo.InvariantCulture, $"swapped {slot.Reference} ({RoleNames.Of(slot.Role)}) from version {current.Version} to version {resolved.Version}"));
        return new SlotChange(slot, current.Version, resolved.Version, null);
    }

    private SlotChange Problem(ModelSlot slot, ServedModel current, string problem, bool count)
    {
        if (count)
            counter.LoadFailed(slot.Reference.ToString());
        if (slot.Problem != problem)
            Report(problem);
        slot.Problem = problem;
        return new SlotChange(slot, current.Version, current.Version, problem);
    }

    private string Existing(string name)
    {
        var model = options.Registry.GetModel(name);
        return model is null
            ? $"there is no model '{name}'."
            : $"its versions are {string.Join(", ", model.Versions.Select(version => version.Version.ToString(CultureInfo.InvariantCulture)))}.";
    }

    private static void Discard(PipelineModel pipeline)
    {
        (pipeline.Predictor as IDisposable)?.Dispose();
        (pipeline.Preparation as IDisposable)?.Dispose();
    }

    private void Report(string line) => options.Report?.Invoke(line);
}
