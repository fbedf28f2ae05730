namespace Kiln.Serving.Routing;

/// <summary>Challengers beside the served models: canaries that answer a share of a name's requests, shadows that score every request for the log.</summary>
public sealed record RoutingOptions
{
    /// <summary>At most one canary per served name.</summary>
    public IReadOnlyList<CanaryRoute> Canaries { get; init; } = [];

    /// <summary>At most one shadow per served name (<c>--shadow penguins@challenger</c>).</summary>
    public IReadOnlyList<Tracking.Registry.ModelReference> Shadows { get; init; } = [];

    /// <summary>The seed of the canary draws (one <see cref="Core.KilnRandom"/> per server); <see langword="null"/> seeds from the operating system's random source.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public ulong? Seed { get; init; }

    /// <summary>
    /// Turns a registered bundle location into a local file, for the first load and every reload and swap: for example
    /// <c>BundleFiles.ForStore(storeRoot, environment).LocalPath</c>, which downloads <c>s3://</c> bundles once into the
    /// store's cache. <see langword="null"/>: locations are used as they are, and a bundle in object storage is refused.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public Func<string, string>? BundlePath { get; init; }
}
