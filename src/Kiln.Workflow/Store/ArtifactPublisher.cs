using Kiln.Core;
using Kiln.Tracking.Artifacts;

namespace Kiln.Workflow.Store;

/// <summary>Publishes a run's data version and job folder to an artifact store beside the local store (S3, or another folder), under the same keys.</summary>
/// <remarks>
/// <para>
/// The run stages and publishes under the local store as always; when an artifact root other than the store is
/// configured, the job folder and the data version folder are also published there with
/// <see cref="IArtifactStore.PublishFolder"/>, at the keys <see cref="ArtifactLayout"/> makes (the same ones the local
/// folders have), each completed by its <c>_SUCCESS</c> marker.
/// </para>
/// <para>
/// A data version already published on the artifact store (on any day) is reused; so is one another run publishes at
/// the same moment. A job name already published in the namespace (under any model and day) is refused with a
/// <see cref="JobNameTakenException"/>.
/// </para>
/// </remarks>
public static class ArtifactPublisher
{
    /// <summary>The artifact root to publish to besides the local store, or <see langword="null"/> when none is set or it is the store itself.</summary>
    /// <param name="root">The configured artifact root (<see cref="Runs.RunOptions.ArtifactRoot"/>): a folder or <c>s3://bucket/prefix</c>, or <see langword="null"/>.</param>
    /// <param name="storeRoot">The local store's root (a full path).</param>
    public static string? ConfiguredRoot(string? root, string storeRoot)
    {
        ArgumentNullException.ThrowIfNull(storeRoot);
        root = root?.Trim();
        if (string.IsNullOrEmpty(root))
            return null;
        if (!root.Contains("://", StringComparison.Ordinal) && !root.Contains('\0', StringComparison.Ordinal)
            && Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(storeRoot)))
            return null;
        return root;
    }

    /// <summary>Opens the artifact store of <paramref name="root"/> (<see cref="ArtifactStores.Open(string)"/>), turning a bad setting into a <see cref="KilnException"/> that names the root.</summary>
    /// <exception cref="KilnException">The root or an S3 setting is not valid; the message says which (never the secret).</exception>
    public static IArtifactStore Open(string root)
    {
        try
        {
            return ArtifactStores.Open(root);
        }
        catch (ArgumentException exception)
        {
            throw new KilnException($"Cannot open the artifact root '{root}' (KILN_ARTIFACTS or the environment's 'artifacts' in kiln.config.yaml): {exception.Message}", exception);
        }
    }

    /// <summary>Throws when a job named <paramref name="jobName"/> is published in <paramref name="ns"/> on <paramref name="store"/>, under any model and day.</summary>
    /// <exception cref="JobNameTakenException">The job name is taken there.</exception>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public static void EnsureJobNameFree(IArtifactStore store, string ns, string jobName)
    {
        ArgumentNullException.ThrowIfNull(store);
        StoreNames.Validate(jobName, "job name", nameof(jobName));
        var output = ArtifactLayout.Namespace(ns) + "output/";
        // <model>/year=YYYY/month=MM/day=DD/<job_name>/_SUCCESS under the namespace's output folder.
        var suffix = $"/{jobName}/{IArtifactStore.CompletionMarker}";
        foreach (var key in store.List(output))
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal) && key[output.Length..].Count(c => c == '/') == 5)
                throw new JobNameTakenException(ns, jobName, store.Location + key[..^IArtifactStore.CompletionMarker.Length]);
        }
    }

    /// <summary>Publishes the local data version folder of <paramref name="data"/> at the same key, unless the artifact store has that version already.</summary>
    /// <returns>The folder key of the version on the artifact store, new or reused.</returns>
    /// <exception cref="ArgumentException">The data's folder is not a data version folder of <paramref name="layout"/>.</exception>
    public static string PublishDataVersion(IArtifactStore store, StoreLayout layout, string ns, IngestedData data)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(data);
        var versionFolder = ArtifactLayout.DataVersion(ns, data.Dataset, data.Version);
        if (Published(store, versionFolder) is { } existing)
            return existing;
        var prefix = Path.GetRelativePath(layout.Root, data.Directory).Replace(Path.DirectorySeparatorChar, '/') + "/";
        if (!prefix.StartsWith(versionFolder, StringComparison.Ordinal) || !ArtifactKeys.IsValidPrefix(prefix))
            throw new ArgumentException($"The data folder {data.Directory} is not a version folder of data set '{data.Dataset}' in {layout.Root}.", nameof(data));
        try
        {
            store.PublishFolder(prefix, ArtifactUpload.FromFolder(data.Directory));
        }
        catch (ArtifactExistsException)
        {
            // Another run published the same content at the same moment; its copy is as good as ours.
        }
        return prefix;
    }

    /// <summary>Publishes a job's folder at <see cref="ArtifactLayout.Job"/>.</summary>
    /// <returns>The job's folder key.</returns>
    /// <exception cref="JobNameTakenException">The job is published there already.</exception>
    public static string PublishJob(IArtifactStore store, string ns, string model, DateOnly day, string jobName, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(folder);
        var prefix = ArtifactLayout.Job(ns, model, day, jobName);
        try
        {
            store.PublishFolder(prefix, ArtifactUpload.FromFolder(folder));
        }
        catch (ArtifactExistsException)
        {
            throw new JobNameTakenException(ns, jobName, store.Location + prefix);
        }
        return prefix;
    }

    /// <summary>Where a file of a job published by <see cref="PublishJob"/> is on the artifact root: <c>s3://bucket/prefix/&lt;job key&gt;&lt;file&gt;</c>, or the full local path under a folder root.</summary>
    /// <param name="root">The artifact root (<see cref="ConfiguredRoot"/>): <c>s3://bucket/prefix</c> or a folder.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="day">The job's day (UTC).</param>
    /// <param name="jobName">The job's name.</param>
    /// <param name="fileName">The file inside the job folder, for example <c>model.kiln</c>.</param>
    /// <exception cref="ArgumentException">A name, the file name or the root is not valid.</exception>
    public static string JobFileLocation(string root, string ns, string model, DateOnly day, string jobName, string fileName)
    {
        ArgumentNullException.ThrowIfNull(root);
        var key = ArtifactLayout.File(ArtifactLayout.Job(ns, model, day, jobName), fileName);
        return ArtifactStores.IsRemote(root) ? BundleFiles.Uri(root, key) : ArtifactLayout.ToLocalPath(Path.GetFullPath(root), key);
    }

    /// <summary>The first day folder under <paramref name="versionFolder"/> with its marker, or <see langword="null"/>.</summary>
    private static string? Published(IArtifactStore store, string versionFolder)
    {
        const string Marker = "/" + IArtifactStore.CompletionMarker;
        return store.List(versionFolder)
            .Where(key => key.EndsWith(Marker, StringComparison.Ordinal) && key[versionFolder.Length..].Count(c => c == '/') == 3)
            .Select(key => key[..^IArtifactStore.CompletionMarker.Length])
            .FirstOrDefault();
    }
}
