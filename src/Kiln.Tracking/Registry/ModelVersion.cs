namespace Kiln.Tracking.Registry;

/// <summary>One registered version of a model.</summary>
public sealed record ModelVersion
{
    /// <summary>The model's name.</summary>
    public required string Name { get; init; }

    /// <summary>The version number: 1 for the first version of a name, one more for each later one; never reused.</summary>
    public required int Version { get; init; }

    /// <summary>The run that produced the model, when known.</summary>
    public string? RunId { get; init; }

    /// <summary>Where the bundle is: a file path or an <c>s3://</c> URI.</summary>
    public required string BundleLocation { get; init; }

    /// <summary>The version (content hash) of the data the model was trained and tested on, when known.</summary>
    public string? DataVersion { get; init; }

    /// <summary>The bundle's signature as JSON text (see <see cref="ModelRegistration.Signature"/>).</summary>
    public required string Signature { get; init; }

    /// <summary>The test metrics by name.</summary>
    public required IReadOnlyDictionary<string, double> TestMetrics { get; init; }

    /// <summary>When the version was registered (UTC).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Free text about this version, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The aliases that point at this version, in ordinal order.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    /// <summary>The reference that names exactly this version: <c>name/N</c>.</summary>
    public ModelReference Reference => ModelReference.ToVersion(Name, Version);
}
