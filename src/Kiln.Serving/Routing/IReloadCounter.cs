namespace Kiln.Serving.Routing;

/// <summary>Counts what reloading did, per slot: versions swapped in and bundles that failed to load.</summary>
internal interface IReloadCounter
{
    /// <summary>Counts a swap of <paramref name="slot"/> to another version.</summary>
    void Swapped(string slot);

    /// <summary>Counts a version of <paramref name="slot"/> whose bundle did not load (the old version kept serving).</summary>
    void LoadFailed(string slot);
}
