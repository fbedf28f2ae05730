using System.Globalization;
using System.Text.Json;
using Kiln.Tracking;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary>What the <c>kiln runs</c> commands share: the store's settings and opening, finding a run by id or job name, metric values, and a run as JSON.</summary>
internal sealed class RunsStore : IDisposable
{
    private RunsStore(TrackingSettings settings, IRunStore? store)
    {
        Settings = settings;
        Store = store;
    }

    public TrackingSettings Settings { get; }

    /// <summary>The run store, or <see langword="null"/> when no run has been recorded in it yet.</summary>
    public IRunStore? Store { get; }

    /// <summary>Resolves the settings (as <c>kiln run</c> does, without a kiln.yaml) and opens the run store when it exists; ends the runs whose process died.</summary>
    public static RunsStore Open(CliContext context, string? store, string? environment)
    {
        var settings = TrackingSettings.Resolve(environment, store, context.Environment, context.CurrentDirectory);
        if (!TrackingStores.Exists(settings))
        {
            EnvironmentMarker.Check(settings.StoreRoot, settings.Environment);
            return new RunsStore(settings, null);
        }
        var opened = TrackingStores.Open(settings, TimeProvider.System, claim: false);
        RunCommand.EndSilentRuns(opened, TimeProvider.System, settings.LocalRoot, context);
        return new RunsStore(settings, opened);
    }

    /// <summary>The run whose id or job name is <paramref name="reference"/>.</summary>
    /// <exception cref="CliUsageException">No run has that id or job name, or several namespaces use the job name.</exception>
    public Run Find(string reference, string? ns)
    {
        if (Store is not null)
        {
            if (TrackingNames.IsValidName(reference) && Store.GetRun(reference) is { } byId && (ns is null || byId.Namespace == ns))
                return byId;
            var named = Store.ListRuns(new RunFilter { Namespace = ns }).Where(run => run.JobName == reference).ToArray();
            if (named.Length == 1)
                return named[0];
            if (named.Length > 1)
            {
                throw new CliUsageException(
                    $"The job name '{reference}' is used in namespaces {string.Join(", ", named.Select(run => run.Namespace))}; pass --namespace, or the run id ({string.Join(", ", named.Select(run => run.Id))}).");
            }
        }
        throw new CliUsageException($"There is no run with the id or job name '{TrackingNames.Display(reference)}' in the {Settings.EnvironmentName} store {Settings.StoreRoot}{(ns is null ? string.Empty : $" (namespace {ns})")}; 'kiln runs list --all' shows the runs.");
    }

    /// <summary>The direct child runs of <paramref name="run"/>, oldest first.</summary>
    public IReadOnlyList<Run> Children(Run run) => Store?.ListRuns(new RunFilter { ParentId = run.Id }) ?? [];

    /// <summary>Each metric's last value: the value at its highest step.</summary>
    public IReadOnlyDictionary<string, double> LastMetrics(Run run)
    {
        var last = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var point in Store?.GetMetrics(run.Id) ?? [])
            last[point.Key] = point.Value;
        return last;
    }

    /// <summary>The run's selection metric's name and its value (the run's own metric of that name), when known.</summary>
    public static (string Name, double? Value)? SelectionMetric(Run run, IReadOnlyDictionary<string, double> lastMetrics) =>
        run.Tags.TryGetValue(TrackingKeys.SelectionMetric, out var name) ? (name, lastMetrics.TryGetValue(name, out var value) ? value : null) : null;

    /// <summary>Writes the fields <c>kiln runs list --json</c> prints for a run (inside an object the caller opened).</summary>
    public static void WriteSummary(Utf8JsonWriter json, Run run, IReadOnlyDictionary<string, double> lastMetrics)
    {
        json.WriteString("id", run.Id);
        json.WriteString("job_name", run.JobName);
        json.WriteString("namespace", run.Namespace);
        json.WriteString("environment", EnvironmentName(run.Environment));
        json.WriteString("status", StatusName(run.Status));
        if (run.ParentId is null)
            json.WriteNull("parent_id");
        else
            json.WriteString("parent_id", run.ParentId);
        json.WriteString("started", Time(run.Started));
        if (run.Ended is { } ended)
            json.WriteString("ended", Time(ended));
        else
            json.WriteNull("ended");
        if (SelectionMetric(run, lastMetrics) is { } metric)
        {
            json.WriteStartObject("selection_metric");
            json.WriteString("name", metric.Name);
            Number(json, "value", metric.Value);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("selection_metric");
        }
    }

    /// <summary>A number, or <c>null</c> for a missing value, NaN or an infinity (which JSON cannot hold).</summary>
    public static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
            json.WriteNumber(name, number);
        else
            json.WriteNull(name);
    }

    public static string EnvironmentName(RunEnvironment environment) => environment == RunEnvironment.Production ? "production" : "develop";

    public static string StatusName(RunStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>An instant as ISO 8601 UTC with milliseconds.</summary>
    public static string Time(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A metric value for tables: up to 6 significant digits after the point as needed, or nan / inf.</summary>
    public static string Value(double? value) => value switch
    {
        null => "-",
        { } number when double.IsNaN(number) => "nan",
        { } number => number.ToString("0.######", CultureInfo.InvariantCulture),
    };

    /// <summary>Writes rows as columns padded to their widest cell, two spaces apart; the first row is the header.</summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
    }

    public void Dispose() => Store?.Dispose();
}
