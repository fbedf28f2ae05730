using Kiln.Core;

namespace Kiln.Tracking.Artifacts;

/// <summary>A folder is already published; published folders are never overwritten.</summary>
public sealed class ArtifactExistsException : KilnException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="location">The store (<see cref="IArtifactStore.Location"/>).</param>
    /// <param name="prefix">The folder.</param>
    public ArtifactExistsException(string location, string prefix)
        : base($"The folder '{prefix}' in {location} is already published, and published folders are never overwritten. Publish under another job name or version.")
    {
        Location = location;
        Prefix = prefix;
    }

    /// <summary>The store.</summary>
    public string Location { get; }

    /// <summary>The folder.</summary>
    public string Prefix { get; }
}
