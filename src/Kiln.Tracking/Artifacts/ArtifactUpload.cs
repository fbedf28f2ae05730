namespace Kiln.Tracking.Artifacts;

/// <summary>One file of a folder to publish: its key relative to the folder, and how to open its bytes.</summary>
/// <param name="RelativeKey">The key inside the folder (<see cref="ArtifactKeys"/>' rule), for example <c>model.kiln</c> or <c>checkpoints/epoch-3.bin</c>.</param>
/// <param name="Open">Opens the bytes; the store disposes the stream.</param>
public sealed record ArtifactUpload(string RelativeKey, Func<Stream> Open)
{
    /// <summary>Every file under a local folder, by its path relative to the folder (separators turned into '/'), in ordinal order.</summary>
    /// <exception cref="ArgumentException">A file's relative path is not a valid key (for example a name with a space or starting with '.').</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<ArtifactUpload> FromFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"Cannot publish {full}: the folder does not exist.");
        var uploads = new List<ArtifactUpload>();
        foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!ArtifactKeys.IsValidKey(relative))
                throw new ArgumentException($"Cannot publish {full}: the file '{TrackingNames.Display(relative)}' has a name an artifact key cannot hold; use {ArtifactKeys.KeyRule}.", nameof(folder));
            var path = file;
            uploads.Add(new ArtifactUpload(relative, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)));
        }
        uploads.Sort((left, right) => string.CompareOrdinal(left.RelativeKey, right.RelativeKey));
        return uploads;
    }
}
