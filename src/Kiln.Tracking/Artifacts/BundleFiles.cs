using System.Security.Cryptography;
using System.Text;
using Kiln.Core;

namespace Kiln.Tracking.Artifacts;

/// <summary>
/// Turns a registered bundle location into a local file: a local path is returned as it is; an
/// <c>s3://bucket/key</c> URI is downloaded once into a cache folder and the cached copy is returned from then on.
/// </summary>
/// <remarks>
/// <para>
/// The copy of <c>s3://bucket/key</c> is <c>&lt;cache&gt;/&lt;SHA-256 of the URI, lowercase hex&gt;/model.kiln</c>. It is
/// written to a hidden temporary file in that folder and renamed into place when complete
/// (<see cref="IArtifactStore.GetFile"/>), so a crash mid-download leaves at most a temporary file, which never counts:
/// only the final name is looked for, and the next call downloads again. Published bundles never change (a published
/// job folder is never overwritten), so a cached copy is reused without asking the store again.
/// </para>
/// <para>
/// S3 settings come from the environment as for <see cref="ArtifactStores.Open(string, Func{string, string?})"/>; messages name
/// the URI and what to do, never a secret.
/// </para>
/// </remarks>
public sealed class BundleFiles
{
    /// <summary>The file name of a bundle in a job folder and in the cache.</summary>
    public const string FileName = "model.kiln";

    private const string Scheme = "s3://";

    private readonly Func<string, IArtifactStore> _openStore;

    /// <summary>Creates a fetcher that caches under <paramref name="cacheFolder"/> and opens stores with <paramref name="openStore"/>.</summary>
    /// <param name="cacheFolder">The cache folder (created when first needed), for example <see cref="CacheFolder"/> of the store root.</param>
    /// <param name="openStore">Opens the store of a root <c>s3://bucket</c> (for example <see cref="ArtifactStores.Open(string)"/>); the fetcher disposes each store it opens.</param>
    public BundleFiles(string cacheFolder, Func<string, IArtifactStore> openStore)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFolder);
        ArgumentNullException.ThrowIfNull(openStore);
        Cache = Path.GetFullPath(cacheFolder);
        _openStore = openStore;
    }

    /// <summary>The cache folder, a full path.</summary>
    public string Cache { get; }

    /// <summary>The bundle cache of a store root: <c>&lt;store&gt;/.cache/bundles</c>.</summary>
    public static string CacheFolder(string storeRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storeRoot);
        return Path.Combine(Path.GetFullPath(storeRoot), ".cache", "bundles");
    }

    /// <summary>A fetcher caching under <see cref="CacheFolder"/> of <paramref name="storeRoot"/>, with S3 settings read through <paramref name="environment"/>.</summary>
    /// <param name="storeRoot">The environment's store root.</param>
    /// <param name="environment">Reads an environment variable (the process environment, or a fake in tests).</param>
    public static BundleFiles ForStore(string storeRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new BundleFiles(CacheFolder(storeRoot), root => ArtifactStores.Open(root, environment));
    }

    /// <summary>The <c>s3://</c> URI of <paramref name="key"/> under the artifact root <paramref name="artifactRoot"/> (<c>s3://bucket/prefix</c>).</summary>
    /// <exception cref="ArgumentException">The root is not a valid <c>s3://</c> root, or the key is not valid.</exception>
    public static string Uri(string artifactRoot, string key)
    {
        var (bucket, prefix) = ArtifactStores.ParseS3Root(artifactRoot);
        ArtifactKeys.ValidateKey(key, nameof(key));
        return $"{Scheme}{bucket}/{prefix}{key}";
    }

    /// <summary>Splits <c>s3://bucket/key</c> into the bucket and the object's key.</summary>
    /// <exception cref="ArgumentException">It is not an <c>s3://</c> URI with a valid bucket and key.</exception>
    public static (string Bucket, string Key) ParseUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!ArtifactStores.IsRemote(uri))
            throw new ArgumentException($"'{TrackingNames.Display(uri)}' is not an s3:// URI.", nameof(uri));
        var rest = uri[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (!S3ArtifactStore.IsValidBucket(bucket))
            throw new ArgumentException($"The bundle URI '{TrackingNames.Display(uri)}' names the bucket '{TrackingNames.Display(bucket)}', which is not a valid S3 bucket name (3 to 63 lowercase letters, digits, '.' or '-').", nameof(uri));
        if (!ArtifactKeys.IsValidKey(key))
            throw new ArgumentException($"The bundle URI '{TrackingNames.Display(uri)}' has the key '{TrackingNames.Display(key)}', which is not a valid object key here: use {ArtifactKeys.KeyRule}.", nameof(uri));
        return (bucket, key);
    }

    /// <summary>Where the cached copy of <paramref name="uri"/> is (or will be).</summary>
    public string CachedPath(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri)));
        return Path.Combine(Cache, hash, FileName);
    }

    /// <summary>The local file of the bundle at <paramref name="location"/>: the path itself when it is local, else the cached copy of the <c>s3://</c> object, downloaded first when not cached yet.</summary>
    /// <param name="location">A registered bundle location: a file path or <c>s3://bucket/key</c>.</param>
    /// <returns>A local path; for a local location it is returned unchanged, whether or not the file exists.</returns>
    /// <exception cref="KilnException">The URI is malformed, the object is missing, the S3 settings are missing or wrong, or the download failed; the message names the URI.</exception>
    public string LocalPath(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!ArtifactStores.IsRemote(location))
            return location;
        string bucket, key;
        try
        {
            (bucket, key) = ParseUri(location);
        }
        catch (ArgumentException exception)
        {
            throw new KilnException($"Cannot download the bundle {location}: {WithoutParameter(exception)} Register the model with the s3://bucket/key of its model.kiln.", exception);
        }
        var cached = CachedPath(location);
        if (File.Exists(cached))
            return cached;
        Download(location, bucket, key, cached);
        return cached;
    }

    private void Download(string uri, string bucket, string key, string cached)
    {
        IArtifactStore store;
        try
        {
            store = _openStore(Scheme + bucket);
        }
        catch (ArgumentException exception)
        {
            throw new KilnException($"Cannot download the bundle {uri}: {WithoutParameter(exception)}", exception);
        }
        using (store)
        {
            try
            {
                store.GetFile(key, cached);
            }
            catch (ArtifactNotFoundException exception)
            {
                throw new KilnException($"Cannot download the bundle {uri}: there is no such object in {store.Location} (it was never published there, or it was deleted). Check that {ArtifactStores.EndpointVariable} and the AWS variables point at the storage the model was published to, or register the model again.", exception);
            }
            catch (KilnException exception)
            {
                throw new KilnException($"Cannot download the bundle {uri}: {exception.Message}", exception);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new KilnException($"Cannot download the bundle {uri} into the cache {Path.GetDirectoryName(cached)}: {exception.Message} Check that the folder is writable and the disk has room.", exception);
            }
        }
    }

    /// <summary>The exception's message without the " (Parameter 'x')" the runtime appends, which means nothing to a user.</summary>
    private static string WithoutParameter(ArgumentException exception) =>
        exception.ParamName is { } parameter ? exception.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : exception.Message;
}
