namespace Kiln.Tracking.Registry;

/// <summary>What the caller gives to register a version; the registry adds the model name, the number and the creation time.</summary>
/// <remarks><see cref="ModelRegistration.FromBundle"/> builds one from a <c>model.kiln</c>'s manifest.</remarks>
public sealed record NewModelVersion
{
    /// <summary>Where the bundle is: a file path or an <c>s3://bucket/key</c> URI.</summary>
    public required string BundleLocation { get; init; }

    /// <summary>The bundle's signature: its input columns (and output) as JSON text.</summary>
    public required string Signature { get; init; }

    /// <summary>The run that produced the model, when known. A link only: the run need not be in the store.</summary>
    public string? RunId { get; init; }

    /// <summary>The version (content hash) of the data the model was trained and tested on, when known.</summary>
    public string? DataVersion { get; init; }

    /// <summary>The test metrics by name (e.g. <c>accuracy</c>, <c>rmse</c>).</summary>
    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Free text about this version, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Aliases to point at the new version in the same transaction (created, or moved from other versions).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
