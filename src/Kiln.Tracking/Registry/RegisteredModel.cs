namespace Kiln.Tracking.Registry;

/// <summary>A model in the registry: its versions and aliases.</summary>
public sealed record RegisteredModel
{
    /// <summary>The model's name, unique in the registry.</summary>
    public required string Name { get; init; }

    /// <summary>When the first version was registered (UTC).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Free text about the model, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The versions that exist, lowest number first (deleted numbers leave gaps).</summary>
    public required IReadOnlyList<ModelVersion> Versions { get; init; }

    /// <summary>The aliases and the version each points at.</summary>
    public required IReadOnlyDictionary<string, int> Aliases { get; init; }

    /// <summary>The highest-numbered version, which <c>name</c> alone refers to; null when every version was deleted.</summary>
    public ModelVersion? Latest => Versions.Count == 0 ? null : Versions[^1];
}
