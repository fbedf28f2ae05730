using Kiln.Tracking.Artifacts;

namespace Kiln.Workflow.Store;

/// <summary>Builds the store's paths (DESIGN §6) from validated names only, and finds what is already there.</summary>
/// <remarks>
/// <code>
/// &lt;root&gt;/ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/year=YYYY/month=MM/day=DD/
/// &lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/
/// &lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/checkpoints/
/// &lt;root&gt;/.staging/&lt;id&gt;/        work in progress, renamed into place when complete
/// </code>
/// Every name is checked by <see cref="StoreNames"/> (the rule of <c>Kiln.Tracking.TrackingNames</c>), and every path is built
/// from the key <see cref="ArtifactLayout"/> makes, so the local layout and the S3 layout are one code path and a path
/// can never leave the root; dates are UTC. Returned paths
/// have no trailing separator. A job name is unique within its namespace: <see cref="FindJob"/> looks for the job folder
/// under every model and day, because the folders are the truth (an index file could disagree with them after a crash).
/// </remarks>
public sealed class StoreLayout
{
    /// <summary>The staging folder's name under the root; it cannot clash with a namespace folder (<c>ns=…</c>).</summary>
    public const string StagingFolder = ".staging";

    /// <summary>Creates the layout over <paramref name="root"/>.</summary>
    /// <exception cref="ArgumentException">The root is not a full path.</exception>
    public StoreLayout(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Path.IsPathFullyQualified(root))
            throw new ArgumentException($"The store root '{StoreNames.Display(root)}' is not a full path; resolve it first (StoreRoot.Resolve).", nameof(root));
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    /// <summary>The store's root folder.</summary>
    public string Root { get; }

    /// <summary>Where work in progress is written before it is renamed into place.</summary>
    public string StagingRoot => Path.Combine(Root, StagingFolder);

    /// <summary>The UTC calendar day of an instant, as the layout's <c>year=/month=/day=</c> folders use it.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => ArtifactLayout.DayOf(instant);

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The namespace is not a valid name.</exception>
    public string Namespace(string ns)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        return Local(ArtifactLayout.Namespace(ns));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string DataSet(string ns, string dataset)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        StoreNames.Validate(dataset, "data set name", nameof(dataset));
        return Local(ArtifactLayout.DataSet(ns, dataset));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/year=YYYY/month=MM/day=DD</c>.</summary>
    /// <exception cref="ArgumentException">A name or the version is not valid.</exception>
    public string DataVersion(string ns, string dataset, string version, DateOnly day)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        StoreNames.Validate(dataset, "data set name", nameof(dataset));
        StoreNames.ValidateVersion(version, nameof(version));
        return Local(ArtifactLayout.DataVersion(ns, dataset, version, day));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string Model(string ns, string model)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        StoreNames.Validate(model, "model name", nameof(model));
        return Local(ArtifactLayout.Model(ns, model));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string Job(string ns, string model, DateOnly day, string jobName)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        StoreNames.Validate(model, "model name", nameof(model));
        StoreNames.Validate(jobName, "job name", nameof(jobName));
        return Local(ArtifactLayout.Job(ns, model, day, jobName));
    }

    /// <summary>The job folder's <c>checkpoints</c> folder.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string Checkpoints(string ns, string model, DateOnly day, string jobName)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        StoreNames.Validate(model, "model name", nameof(model));
        StoreNames.Validate(jobName, "job name", nameof(jobName));
        return Local(ArtifactLayout.Checkpoints(ns, model, day, jobName));
    }

    /// <summary>The folder of a job named <paramref name="jobName"/> anywhere in the namespace (any model, any day), or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string? FindJob(string ns, string jobName)
    {
        StoreNames.Validate(jobName, "job name", nameof(jobName));
        var output = Path.Combine(Namespace(ns), "output");
        foreach (var model in SortedDirectories(output, static name => StoreNames.IsValid(name)))
        {
            foreach (var day in Days(model))
            {
                var job = Path.Combine(day, jobName);
                if (Directory.Exists(job))
                    return job;
            }
        }
        return null;
    }

    /// <summary>Throws when <paramref name="jobName"/> is already used in the namespace.</summary>
    /// <exception cref="JobNameTakenException">A job folder of that name exists under some model and day of the namespace.</exception>
    public void EnsureJobNameFree(string ns, string jobName)
    {
        if (FindJob(ns, jobName) is { } existing)
            throw new JobNameTakenException(ns, jobName, existing);
    }

    /// <summary>The folder of an earlier ingest of this data version (any day) that completed, or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">A name or the version is not valid.</exception>
    public string? FindDataVersion(string ns, string dataset, string version)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        StoreNames.Validate(dataset, "data set name", nameof(dataset));
        StoreNames.ValidateVersion(version, nameof(version));
        return Days(Local(ArtifactLayout.DataVersion(ns, dataset, version))).FirstOrDefault(day => File.Exists(Path.Combine(day, DataVersions.ManifestFileName)));
    }

    private static IEnumerable<string> Days(string parent) =>
        from year in SortedDirectories(parent, static name => name.StartsWith("year=", StringComparison.Ordinal))
        from month in SortedDirectories(year, static name => name.StartsWith("month=", StringComparison.Ordinal))
        from day in SortedDirectories(month, static name => name.StartsWith("day=", StringComparison.Ordinal))
        select day;

    private static string[] SortedDirectories(string parent, Func<string, bool> accept)
    {
        if (!Directory.Exists(parent))
            return [];
        return Directory.EnumerateDirectories(parent)
            .Where(path => accept(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The local path of a layout key: <see cref="ArtifactLayout.ToLocalPath"/> checks the key again and guards that the path stays under the root.</summary>
    private string Local(string key) => ArtifactLayout.ToLocalPath(Root, key);
}
