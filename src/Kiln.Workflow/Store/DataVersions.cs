using System.Security.Cryptography;
using System.Text.Json;
using Kiln.Core;

namespace Kiln.Workflow.Store;

/// <summary>Stores data files as immutable versions named by their content: the version id is the first 16 hexadecimal digits of the file's SHA-256.</summary>
/// <remarks>
/// A version's folder holds <c>data&lt;extension&gt;</c> (the file's bytes) and <c>manifest.json</c> (data set, version, full
/// hash, size, source path, ingest time). The same content ingested again, on any day, reuses the stored version. The copy
/// is hashed as it is written and checked against the source's hash, so a file that changes while it is read is refused.
/// </remarks>
public static class DataVersions
{
    /// <summary>The name of the manifest in a version's folder; its presence marks a complete version.</summary>
    public const string ManifestFileName = "manifest.json";

    private static readonly string[] KnownExtensions = [".csv.gz", ".tsv.gz", ".txt.gz", ".csv", ".tsv", ".txt", ".gz", ".parquet", ".pq"];

    /// <summary>The SHA-256 of a file's bytes as 64 lowercase hexadecimal digits, and its size.</summary>
    /// <exception cref="KilnException">The file does not exist.</exception>
    public static (string Sha256, long Length) Hash(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenSource(path);
        var hash = SHA256.HashData(stream);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }

    /// <summary>The version id of a hash: its first 16 hexadecimal digits.</summary>
    public static string VersionOf(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var version = sha256[..Math.Min(StoreNames.VersionLength, sha256.Length)];
        StoreNames.ValidateVersion(version, nameof(sha256));
        return version;
    }

    /// <summary>Stores the file at <paramref name="sourcePath"/> as a data version of <paramref name="ns"/>, or finds the version already stored.</summary>
    /// <param name="layout">The store.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="sourcePath">The file to ingest.</param>
    /// <param name="ingestedAt">Now; picks the day folder of a new version.</param>
    /// <param name="stagingId">A unique name for the staging folder (for example the run id).</param>
    /// <param name="dataset">The data set name, or <see langword="null"/> for one made from the file's name.</param>
    /// <exception cref="KilnException">The file does not exist or changed while it was copied.</exception>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public static IngestedData Ingest(StoreLayout layout, string ns, string sourcePath, DateTimeOffset ingestedAt, string stagingId, string? dataset = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(sourcePath);
        dataset ??= StoreNames.FromFileName(sourcePath);
        StoreNames.Validate(dataset, "data set name", nameof(dataset));
        var (sha256, length) = Hash(sourcePath);
        var version = VersionOf(sha256);
        var fileName = "data" + Extension(sourcePath);
        if (Existing(layout, ns, dataset, version, sha256, length) is { } reused)
            return reused;

        using var staging = StagingDirectory.Create(layout, stagingId);
        var copy = Path.Combine(staging.Path, fileName);
        string copiedHash;
        using (var source = OpenSource(sourcePath))
        using (var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        using (var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                hasher.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
            }
            copiedHash = Convert.ToHexStringLower(hasher.GetHashAndReset());
        }
        if (copiedHash != sha256)
            throw new KilnException($"{sourcePath} changed while Kiln copied it into the store; run again once nothing writes to it.");
        WriteManifest(Path.Combine(staging.Path, ManifestFileName), dataset, version, sha256, length, sourcePath, fileName, ingestedAt);

        var destination = layout.DataVersion(ns, dataset, version, StoreLayout.DayOf(ingestedAt));
        try
        {
            staging.Publish(destination);
        }
        catch (KilnException)
        {
            // Another run may have stored the same content at the same moment; its version is as good as ours.
            if (Existing(layout, ns, dataset, version, sha256, length) is { } raced)
                return raced;
            throw;
        }
        return new IngestedData(dataset, version, sha256, length, destination, Path.Combine(destination, fileName), Reused: false);
    }

    private static IngestedData? Existing(StoreLayout layout, string ns, string dataset, string version, string sha256, long length)
    {
        if (layout.FindDataVersion(ns, dataset, version) is not { } directory)
            return null;
        var file = Directory.EnumerateFiles(directory, "data*").Order(StringComparer.Ordinal).FirstOrDefault();
        if (file is null)
            return null;
        return new IngestedData(dataset, version, sha256, length, directory, file, Reused: true);
    }

    private static FileStream OpenSource(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KilnException($"Data file not found: {path}. Check the 'data' path in kiln.yaml (a relative path starts at the kiln.yaml's folder).", exception);
        }
    }

    /// <summary>The file's known extension, lowercased, or none: the stored name never takes anything else from the source's name.</summary>
    private static string Extension(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        return KnownExtensions.FirstOrDefault(extension => name.EndsWith(extension, StringComparison.Ordinal)) ?? string.Empty;
    }

    private static void WriteManifest(string path, string dataset, string version, string sha256, long length, string source, string fileName, DateTimeOffset ingestedAt)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("dataset", dataset);
        json.WriteString("version", version);
        json.WriteString("sha256", sha256);
        json.WriteNumber("bytes", length);
        json.WriteString("file", fileName);
        json.WriteString("source", Path.GetFullPath(source));
        json.WriteString("ingested_at", ingestedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }
}
