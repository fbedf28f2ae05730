using Kiln.Tracking.Registry;

namespace Kiln.Serving.Routing;

/// <summary>How a server follows its registry: the registry, how often aliases and latest versions are re-resolved, and where swaps are reported.</summary>
/// <param name="Registry">The registry the catalog was loaded from; the server calls it from one thread at a time, and does not dispose it.</param>
public sealed record ReloadOptions(IModelRegistry Registry)
{
    /// <summary>The period of the background re-resolution; <see cref="TimeSpan.Zero"/>: never (the admin endpoints still swap).</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receives one line per swap and per problem (a bundle that does not load, a reference that no longer resolves); null: not reported.</summary>
    public Action<string>? Report { get; init; }

    /// <summary>The clock of the background re-resolution.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The period is negative.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(Every, TimeSpan.Zero, nameof(Every));
        ArgumentNullException.ThrowIfNull(Time);
    }
}
