using System.Globalization;

namespace Kiln.Tracking.Artifacts;

/// <summary>Builds the keys of DESIGN §6's artifact layout from validated names; the only place keys are made.</summary>
/// <remarks>
/// <code>
/// ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/year=YYYY/month=MM/day=DD/
/// ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/
/// ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/checkpoints/
/// </code>
/// The keys are relative to the store's root (a local folder or an S3 bucket and prefix), so the local layout and the
/// S3 layout are the same strings. Folder keys end with '/'. Namespaces, data set names, data versions, model names
/// and job names follow <see cref="TrackingNames"/>' rule (one safe segment each); file paths inside a folder follow
/// <see cref="ArtifactKeys"/>' segment rule. Anything else is refused with an <see cref="ArgumentException"/> that names
/// the field and the parameter. <see cref="ToLocalPath"/> adds a second guard for local stores: the path it returns
/// is always under the root.
/// </remarks>
public static class ArtifactLayout
{
    /// <summary>The name of a job folder's checkpoint folder.</summary>
    public const string CheckpointsFolder = "checkpoints";

    /// <summary><c>ns=&lt;namespace&gt;/</c>.</summary>
    /// <exception cref="ArgumentException">The namespace is not a valid name.</exception>
    public static string Namespace(string ns)
    {
        TrackingNames.ValidateName(ns, "namespace", nameof(ns));
        return $"ns={ns}/";
    }

    /// <summary><c>ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/</c>: every version of a data set.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public static string DataSet(string ns, string dataset)
    {
        var prefix = Namespace(ns);
        TrackingNames.ValidateName(dataset, "data set name", nameof(dataset));
        return $"{prefix}input/data/{dataset}/";
    }

    /// <summary><c>ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/</c>: one version, every day it was stored on.</summary>
    /// <exception cref="ArgumentException">A name or the version is not valid.</exception>
    public static string DataVersion(string ns, string dataset, string version)
    {
        var prefix = DataSet(ns, dataset);
        TrackingNames.ValidateName(version, "data version", nameof(version));
        return $"{prefix}{version}/";
    }

    /// <summary><c>ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/year=YYYY/month=MM/day=DD/</c>.</summary>
    /// <exception cref="ArgumentException">A name or the version is not valid.</exception>
    public static string DataVersion(string ns, string dataset, string version, DateOnly day) => DataVersion(ns, dataset, version) + Day(day);

    /// <summary><c>ns=&lt;namespace&gt;/output/&lt;model&gt;/</c>: every job of a model.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public static string Model(string ns, string model)
    {
        var prefix = Namespace(ns);
        TrackingNames.ValidateName(model, "model name", nameof(model));
        return $"{prefix}output/{model}/";
    }

    /// <summary><c>ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public static string Job(string ns, string model, DateOnly day, string jobName)
    {
        var prefix = Model(ns, model);
        TrackingNames.ValidateName(jobName, "job name", nameof(jobName));
        return $"{prefix}{Day(day)}{jobName}/";
    }

    /// <summary><c>ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/checkpoints/</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public static string Checkpoints(string ns, string model, DateOnly day, string jobName) => $"{Job(ns, model, day, jobName)}{CheckpointsFolder}/";

    /// <summary><c>year=YYYY/month=MM/day=DD/</c>: the layout's day partition (use the UTC day, <see cref="DayOf"/>).</summary>
    public static string Day(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"year={day.Year:D4}/month={day.Month:D2}/day={day.Day:D2}/");

    /// <summary>The UTC calendar day of an instant, as the layout's day folders use it.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>The key of a file inside a folder: <paramref name="folder"/> followed by <paramref name="relativePath"/>.</summary>
    /// <param name="folder">A folder key from this class (ends with '/').</param>
    /// <param name="relativePath">The file's path inside the folder, segments joined by '/' (for example <c>model.kiln</c> or <c>checkpoints/epoch-3.bin</c>).</param>
    /// <exception cref="ArgumentException">The folder is not a valid prefix, the path is not a valid key, or the whole key is too long.</exception>
    public static string File(string folder, string relativePath)
    {
        ArtifactKeys.ValidatePrefix(folder, nameof(folder));
        ArtifactKeys.ValidateKey(relativePath, nameof(relativePath));
        var key = folder + relativePath;
        if (key.Length > ArtifactKeys.MaxKeyLength)
            throw new ArgumentException($"The artifact key '{TrackingNames.Display(key)}' is {key.Length} characters long; the limit is {ArtifactKeys.MaxKeyLength}.", nameof(relativePath));
        return key;
    }

    /// <summary>The local path of a key or folder prefix under <paramref name="root"/>, guarded to stay under it.</summary>
    /// <param name="root">The store's root folder, a full path.</param>
    /// <param name="keyOrPrefix">A key, or a folder prefix (ending with '/'; the empty prefix is the root itself).</param>
    /// <returns>The full path, without a trailing separator.</returns>
    /// <exception cref="ArgumentException">The root is not a full path, the key is not valid, or the path would leave the root.</exception>
    public static string ToLocalPath(string root, string keyOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.Contains('\0', StringComparison.Ordinal) || !Path.IsPathFullyQualified(root))
            throw new ArgumentException($"The artifact root '{TrackingNames.Display(root)}' is not a full path.", nameof(root));
        var isPrefix = keyOrPrefix is { Length: 0 } || (keyOrPrefix is not null && keyOrPrefix.EndsWith('/'));
        if (isPrefix)
            ArtifactKeys.ValidatePrefix(keyOrPrefix, nameof(keyOrPrefix));
        else
            ArtifactKeys.ValidateKey(keyOrPrefix, nameof(keyOrPrefix));
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var relative = keyOrPrefix!.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar);
        return GuardInside(fullRoot, Path.Combine(fullRoot, relative), keyOrPrefix);
    }

    /// <summary>The second guard behind the name rules: <paramref name="path"/>, made full, must be <paramref name="fullRoot"/> or under it.</summary>
    /// <exception cref="ArgumentException">The path leaves the root.</exception>
    internal static string GuardInside(string fullRoot, string path, string key)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var rootWithSeparator = fullRoot.EndsWith(Path.DirectorySeparatorChar) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (full != fullRoot && !full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw new ArgumentException($"The artifact key '{TrackingNames.Display(key)}' leads to '{TrackingNames.Display(full)}', outside the root '{fullRoot}'.", nameof(key));
        return full;
    }
}
