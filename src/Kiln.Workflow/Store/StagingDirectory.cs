using Kiln.Core;

namespace Kiln.Workflow.Store;

/// <summary>A folder under the store's <c>.staging</c> where a step writes its outputs, then renames them into place in one move.</summary>
/// <remarks>
/// <para>
/// <see cref="Publish"/> flushes every file to disk, creates the destination's parent folders and renames the staging
/// folder to the destination, so the destination either does not exist or is complete: a failure before or during the
/// rename leaves nothing at the destination (and removes the parent folders it created). The rename stays on one file
/// system because the staging folder is under the store root.
/// </para>
/// <para>
/// <see cref="Dispose"/> deletes the staging folder when it was not published. A process that is killed leaves its staging
/// folder under <c>.staging</c>, outside the layout, where nothing reads it; a later clean-up can remove it.
/// </para>
/// </remarks>
public sealed class StagingDirectory : IDisposable
{
    private bool _published;

    private StagingDirectory(string path) => Path = path;

    /// <summary>The staging folder; write the outputs here.</summary>
    public string Path { get; }

    /// <summary>Whether the folder was renamed into place.</summary>
    public bool IsPublished => _published;

    /// <summary>Runs after the parent folders are made and just before the rename; tests use it to play a concurrent publisher.</summary>
    internal Action? BeforeRename { get; set; }

    /// <summary>Creates an empty staging folder <c>&lt;root&gt;/.staging/&lt;id&gt;</c>.</summary>
    /// <param name="layout">The store.</param>
    /// <param name="id">A name unique to this piece of work (for example the run id and a suffix).</param>
    /// <exception cref="ArgumentException">The id is not a valid store name.</exception>
    /// <exception cref="IOException">A staging folder with that id exists already.</exception>
    public static StagingDirectory Create(StoreLayout layout, string id)
    {
        ArgumentNullException.ThrowIfNull(layout);
        StoreNames.Validate(id, "staging id", nameof(id));
        var path = System.IO.Path.Combine(layout.StagingRoot, id);
        if (Directory.Exists(path) || File.Exists(path))
            throw new IOException($"The staging folder {path} exists already; each piece of work needs its own id.");
        Directory.CreateDirectory(path);
        return new StagingDirectory(path);
    }

    /// <summary>Removes what the run <paramref name="runId"/> left under <c>.staging</c> (<c>&lt;id&gt;</c> and <c>&lt;id&gt;-…</c>) when its process died; nothing when there is none.</summary>
    /// <remarks>Only for a run known to be over (ended as killed): a live run's staging folder must not be touched.</remarks>
    /// <exception cref="ArgumentException">The run id is not a valid name.</exception>
    public static void RemoveLeftovers(StoreLayout layout, string runId)
    {
        ArgumentNullException.ThrowIfNull(layout);
        StoreNames.Validate(runId, "run id", nameof(runId));
        if (!Directory.Exists(layout.StagingRoot))
            return;
        foreach (var folder in Directory.EnumerateDirectories(layout.StagingRoot))
        {
            var name = System.IO.Path.GetFileName(folder);
            if (name == runId || name.StartsWith(runId + "-", StringComparison.Ordinal))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Renames the staging folder to <paramref name="destination"/> after flushing its files to disk.</summary>
    /// <param name="destination">The final folder, inside the same store; it must not exist.</param>
    /// <exception cref="InvalidOperationException">The folder was already published or disposed.</exception>
    /// <exception cref="KilnException">The destination exists already, or the rename failed; nothing is left at the destination.</exception>
    public void Publish(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_published)
            throw new InvalidOperationException($"The staging folder {Path} was already published.");
        if (!Directory.Exists(Path))
            throw new InvalidOperationException($"The staging folder {Path} no longer exists; it was disposed.");
        var target = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(destination));
        if (Directory.Exists(target) || File.Exists(target))
            throw new KilnException($"Cannot publish to {target}: it exists already, and published outputs are never overwritten.");
        FlushFiles();
        var parent = System.IO.Path.GetDirectoryName(target)!;
        var missing = MissingFolders(parent);
        try
        {
            Directory.CreateDirectory(parent);
            BeforeRename?.Invoke();
            Directory.Move(Path, target);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            RemoveEmpty(missing);
            throw new KilnException($"Cannot publish {Path} to {target}: {exception.Message}", exception);
        }
        _published = true;
    }

    /// <summary>Deletes the staging folder unless it was published.</summary>
    public void Dispose()
    {
        if (!_published && Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }

    private void FlushFiles()
    {
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>The folders of <paramref name="directory"/> that do not exist yet, deepest first.</summary>
    private static List<string> MissingFolders(string directory)
    {
        var missing = new List<string>();
        for (var current = directory; !Directory.Exists(current); current = System.IO.Path.GetDirectoryName(current)!)
            missing.Add(current);
        return missing;
    }

    private static void RemoveEmpty(List<string> created)
    {
        foreach (var directory in created)
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }
    }
}
