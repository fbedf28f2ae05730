using System.Globalization;

namespace Kiln.Workflow.Store;

/// <summary>Builds the store's paths (DESIGN §6) from validated names only, and finds what is already there.</summary>
/// <remarks>
/// <code>
/// &lt;root&gt;/ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/year=YYYY/month=MM/day=DD/
/// &lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/
/// &lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;/checkpoints/
/// &lt;root&gt;/.staging/&lt;id&gt;/        work in progress, renamed into place when complete
/// </code>
/// Every name is checked by <see cref="StoreNames"/>, so a path can never leave the root; dates are UTC. Returned paths
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
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The namespace is not a valid name.</exception>
    public string Namespace(string ns)
    {
        StoreNames.Validate(ns, "namespace", nameof(ns));
        return Inside(Path.Combine(Root, $"ns={ns}"));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string DataSet(string ns, string dataset)
    {
        StoreNames.Validate(dataset, "data set name", nameof(dataset));
        return Inside(Path.Combine(Namespace(ns), "input", "data", dataset));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/year=YYYY/month=MM/day=DD</c>.</summary>
    /// <exception cref="ArgumentException">A name or the version is not valid.</exception>
    public string DataVersion(string ns, string dataset, string version, DateOnly day)
    {
        StoreNames.ValidateVersion(version, nameof(version));
        return Inside(Path.Combine(DataSet(ns, dataset), version, DayPath(day)));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string Model(string ns, string model)
    {
        StoreNames.Validate(model, "model name", nameof(model));
        return Inside(Path.Combine(Namespace(ns), "output", model));
    }

    /// <summary><c>&lt;root&gt;/ns=&lt;namespace&gt;/output/&lt;model&gt;/year=YYYY/month=MM/day=DD/&lt;job_name&gt;</c>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string Job(string ns, string model, DateOnly day, string jobName)
    {
        StoreNames.Validate(jobName, "job name", nameof(jobName));
        return Inside(Path.Combine(Model(ns, model), DayPath(day), jobName));
    }

    /// <summary>The job folder's <c>checkpoints</c> folder.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public string Checkpoints(string ns, string model, DateOnly day, string jobName) => Path.Combine(Job(ns, model, day, jobName), "checkpoints");

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
        StoreNames.ValidateVersion(version, nameof(version));
        return Days(Path.Combine(DataSet(ns, dataset), version)).FirstOrDefault(day => File.Exists(Path.Combine(day, DataVersions.ManifestFileName)));
    }

    private static string DayPath(DateOnly day) => Path.Combine(
        string.Create(CultureInfo.InvariantCulture, $"year={day.Year:D4}"),
        string.Create(CultureInfo.InvariantCulture, $"month={day.Month:D2}"),
        string.Create(CultureInfo.InvariantCulture, $"day={day.Day:D2}"));

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

    /// <summary>A second guard behind the name rules: the path must stay under the root.</summary>
    private string Inside(string path)
    {
        var full = Path.GetFullPath(path);
        var prefix = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
            throw new ArgumentException($"The path '{StoreNames.Display(full)}' is outside the store '{Root}'.", nameof(path));
        return full;
    }
}
