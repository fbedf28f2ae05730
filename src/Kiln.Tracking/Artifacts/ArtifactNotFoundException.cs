using Kiln.Core;

namespace Kiln.Tracking.Artifacts;

/// <summary>Nothing is stored under an artifact key.</summary>
public sealed class ArtifactNotFoundException : KilnException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="location">The store (<see cref="IArtifactStore.Location"/>).</param>
    /// <param name="key">The key asked for.</param>
    public ArtifactNotFoundException(string location, string key)
        : base($"No artifact '{key}' in {location}: it was never stored, or it was deleted. List the folder to see what is there.")
    {
        Location = location;
        Key = key;
    }

    /// <summary>The store.</summary>
    public string Location { get; }

    /// <summary>The key asked for.</summary>
    public string Key { get; }
}
