using Kiln.Core;

namespace Kiln.Tracking.Artifacts;

/// <summary>An artifact store in a local folder: a key <c>a/b/c</c> is the file <c>&lt;root&gt;/a/b/c</c>.</summary>
/// <remarks>
/// <para>
/// <see cref="Put"/> writes a hidden temporary file (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>) in the key's own folder,
/// flushes it to disk and renames it over the key: a rename within one folder is atomic, so readers see the old file
/// or the new one. A failure deletes the temporary file; a killed process may leave one, which no listing shows
/// (keys never start with '.').
/// </para>
/// <para>
/// <see cref="PublishFolder"/> is atomic as a whole here: the files and the marker are written into
/// <c>&lt;root&gt;/.staging/publish-&lt;random&gt;/</c>, flushed, and that folder is renamed to the destination in one move.
/// </para>
/// <para>
/// Every path goes through <see cref="ArtifactLayout.ToLocalPath"/>: keys are checked and the full path must stay under
/// the root.
/// </para>
/// </remarks>
public sealed class LocalArtifactStore : IArtifactStore
{
    /// <summary>The folder under the root where publishes are staged; keys never start with '.', so it never clashes with one.</summary>
    public const string StagingFolder = ".staging";

    private const int BufferSize = 1 << 16;

    /// <summary>Creates a store over <paramref name="root"/> (made full against the current folder); the folder is created on the first write.</summary>
    /// <exception cref="ArgumentException">The root is empty or not a usable path.</exception>
    public LocalArtifactStore(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (string.IsNullOrWhiteSpace(root) || root.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"The artifact root '{TrackingNames.Display(root)}' is not a usable folder path.", nameof(root));
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    /// <summary>The store's root folder (a full path).</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Location => Root;

    /// <inheritdoc />
    public void Put(string key, Stream content)
    {
        var path = PathOf(key);
        ArgumentNullException.ThrowIfNull(content);
        WriteAtomically(path, key, content);
    }

    /// <inheritdoc />
    public void PutFile(string key, string sourcePath)
    {
        var path = PathOf(key);
        using var source = OpenSource(sourcePath);
        WriteAtomically(path, key, source);
    }

    /// <inheritdoc />
    public void Get(string key, Stream destination)
    {
        var path = PathOf(key);
        ArgumentNullException.ThrowIfNull(destination);
        using var source = OpenStored(path, key);
        source.CopyTo(destination, BufferSize);
    }

    /// <inheritdoc />
    public void GetFile(string key, string destinationPath)
    {
        var path = PathOf(key);
        ArgumentNullException.ThrowIfNull(destinationPath);
        using var source = OpenStored(path, key);
        LocalFiles.WriteAtomically(Path.GetFullPath(destinationPath), source);
    }

    /// <inheritdoc />
    public bool Exists(string key) => File.Exists(PathOf(key));

    /// <inheritdoc />
    public IReadOnlyList<string> List(string prefix)
    {
        var folder = FolderOf(prefix);
        if (!Directory.Exists(folder))
            return [];
        var keys = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            // Temporary files and the staging folder start with '.', which no key does.
            if (ArtifactKeys.IsValidKey(relative))
                keys.Add(prefix + relative);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> DeletePrefix(string prefix)
    {
        RefuseRoot(prefix);
        var folder = FolderOf(prefix);
        var failed = ArtifactPublishing.DeleteMarkersFirst(List(prefix), Delete);
        RemoveEmptyFolders(folder);
        return failed;
    }

    private List<string> Delete(List<string> keys)
    {
        var failed = new List<string>();
        foreach (var key in keys)
        {
            try
            {
                File.Delete(ArtifactLayout.ToLocalPath(Root, key));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failed.Add(key);
            }
        }
        return failed;
    }

    /// <inheritdoc />
    public void PublishFolder(string prefix, IReadOnlyList<ArtifactUpload> files)
    {
        ArtifactPublishing.Validate(prefix, files, extraPrefixLength: 0);
        var target = FolderOf(prefix);
        if (IsPublished(prefix))
            throw new ArtifactExistsException(Location, prefix);
        var stagingRoot = Path.Combine(Root, StagingFolder);
        var stagingExisted = Directory.Exists(stagingRoot);
        var staging = Path.Combine(stagingRoot, "publish-" + Path.GetFileNameWithoutExtension(Path.GetRandomFileName()));
        try
        {
            Directory.CreateDirectory(staging);
            var published = new List<(string, long)>(files.Count);
            foreach (var file in files)
            {
                var path = ArtifactLayout.ToLocalPath(staging, file.RelativeKey);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var source = file.Open();
                using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
                source.CopyTo(copy, BufferSize);
                copy.Flush(flushToDisk: true);
                published.Add((file.RelativeKey, copy.Length));
            }
            using (var marker = new FileStream(Path.Combine(staging, IArtifactStore.CompletionMarker), FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                marker.Write(ArtifactPublishing.Marker(published));
                marker.Flush(flushToDisk: true);
            }
            MoveIntoPlace(staging, target, prefix);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            if (!stagingExisted)
                RemoveIfEmpty(stagingRoot);
        }
    }

    /// <inheritdoc />
    public bool IsPublished(string prefix)
    {
        RefuseRoot(prefix);
        return Exists(prefix + IArtifactStore.CompletionMarker);
    }

    /// <summary>Nothing to release: the store holds no handles between calls.</summary>
    public void Dispose()
    {
    }

    private void MoveIntoPlace(string staging, string target, string prefix)
    {
        try
        {
            if (Directory.Exists(target))
            {
                // A folder without its marker is absent: what is there was left by an interrupted publish.
                if (IsPublished(prefix))
                    throw new ArtifactExistsException(Location, prefix);
                Directory.Delete(target, recursive: true);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(staging, target);
        }
        catch (IOException) when (IsPublished(prefix))
        {
            // Another publisher completed the same folder between our check and our move.
            throw new ArtifactExistsException(Location, prefix);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KilnException($"Cannot publish '{prefix}' in {Location}: {exception.Message}", exception);
        }
    }

    /// <summary>The file of a key: checked by the key rule, then guarded to stay under the root.</summary>
    private string PathOf(string key)
    {
        ArtifactKeys.ValidateKey(key, nameof(key));
        return ArtifactLayout.ToLocalPath(Root, key);
    }

    /// <summary>The folder of a prefix: checked by the prefix rule, then guarded to stay under the root.</summary>
    private string FolderOf(string prefix)
    {
        ArtifactKeys.ValidatePrefix(prefix, nameof(prefix));
        return ArtifactLayout.ToLocalPath(Root, prefix);
    }

    private static void RefuseRoot(string prefix)
    {
        ArtifactKeys.ValidatePrefix(prefix, nameof(prefix));
        if (prefix.Length == 0)
            throw new ArgumentException("The empty prefix is the whole store; name a folder (for example ArtifactLayout.Job(…)).", nameof(prefix));
    }

    private void WriteAtomically(string path, string key, Stream content)
    {
        try
        {
            LocalFiles.WriteAtomically(path, content);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new KilnException($"Cannot store '{key}' in {Location}: {exception.Message}", exception);
        }
    }

    private static FileStream OpenSource(string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        try
        {
            return new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new KilnException($"Cannot read {sourcePath} to store it: {exception.Message}", exception);
        }
    }

    private FileStream OpenStored(string path, string key)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArtifactNotFoundException(Location, key);
        }
    }

    private static void RemoveEmptyFolders(string folder)
    {
        if (!Directory.Exists(folder))
            return;
        foreach (var child in Directory.EnumerateDirectories(folder))
            RemoveEmptyFolders(child);
        RemoveIfEmpty(folder);
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
        }
        catch (IOException)
        {
            // Someone wrote into it meanwhile: it is not empty any more, so it stays.
        }
    }
}
