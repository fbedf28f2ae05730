using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln runs show RUN</c>: everything recorded about a run: its fields, parameters, metrics, tags and child runs.</summary>
internal sealed class RunsShowCommand(CliContext context)
{
    public Command Build()
    {
        var run = new Argument<string>("run") { Description = "The run's id or job name." };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var ns = RunsCommand.NamespaceOption("The namespace of the job name (when several namespaces use it).");
        var history = new Option<bool>("--history") { Description = "Show every step of each metric, not only its last value." };
        var json = new Option<bool>("--json") { Description = "Print the run as a JSON object." };
        var command = new Command("show", "Show a run: fields, parameters, metrics, tags and child runs.") { run, store, environment, ns, history, json };
        command.SetAction(parsed => Execute(parsed.GetValue(run)!, parsed.GetValue(store), parsed.GetValue(environment), parsed.GetValue(ns),
            parsed.GetValue(history), parsed.GetValue(json)));
        return command;
    }

    internal int Execute(string reference, string? store, string? environment, string? ns, bool history, bool json)
    {
        using var runs = RunsStore.Open(context, store, environment);
        var run = runs.Find(reference, ns);
        var points = runs.Store!.GetMetrics(run.Id);
        var last = runs.LastMetrics(run);
        var children = runs.Children(run).Select(child => (Run: child, Metrics: runs.LastMetrics(child))).ToArray();
        if (json)
            WriteJson(run, points, last, children);
        else
            WriteText(run, points, last, children, history);
        return KilnCli.Success;
    }

    private void WriteText(Run run, IReadOnlyList<MetricPoint> points, IReadOnlyDictionary<string, double> last,
        (Run Run, IReadOnlyDictionary<string, double> Metrics)[] children, bool history)
    {
        var output = context.Out;
        output.WriteLine($"run          {run.Id}");
        output.WriteLine($"job_name     {run.JobName}");
        output.WriteLine($"namespace    {run.Namespace}");
        output.WriteLine($"environment  {RunsStore.EnvironmentName(run.Environment)}");
        output.WriteLine($"status       {RunsStore.StatusName(run.Status)}");
        output.WriteLine($"parent       {run.ParentId ?? "-"}");
        output.WriteLine($"started      {RunsStore.Time(run.Started)}");
        output.WriteLine($"ended        {(run.Ended is { } ended ? RunsStore.Time(ended) : "-")}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed         {run.Seed}"));
        output.WriteLine($"data         {run.DataVersion ?? "-"}");
        output.WriteLine($"code         {run.CodeVersion ?? "-"}");
        output.WriteLine($"host         {run.Host}");
        Section(output, "parameters", run.Parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new[] { pair.Key, pair.Value }));
        if (history)
        {
            Section(output, "metrics (every step)", points.Select(point => new[] { point.Key, point.Step.ToString(CultureInfo.InvariantCulture), RunsStore.Value(point.Value) }),
                ["key", "step", "value"]);
        }
        else
        {
            Section(output, "metrics (last values; --history shows every step)", last.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => new[] { pair.Key, RunsStore.Value(pair.Value) }));
        }
        Section(output, "tags", run.Tags.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new[] { pair.Key, pair.Value }));
        Section(output, "children", children.Select(child =>
        {
            var selection = RunsStore.SelectionMetric(child.Run, child.Metrics);
            return new[]
            {
                child.Run.Id, child.Run.Tags.GetValueOrDefault(TrackingKeys.Kind, "-"), child.Run.Tags.GetValueOrDefault(TrackingKeys.Candidate, "-"),
                RunsStore.StatusName(child.Run.Status), selection is { } metric ? $"{metric.Name} {RunsStore.Value(metric.Value)}" : "-",
            };
        }), ["id", "kind", "candidate", "status", "metric"]);
    }

    private static void Section(TextWriter output, string title, IEnumerable<string[]> rows, string[]? header = null)
    {
        var list = rows.ToList();
        output.WriteLine();
        output.WriteLine(list.Count == 0 ? $"{title}: none" : $"{title}:");
        if (list.Count == 0)
            return;
        var table = new List<string[]>();
        if (header is not null)
            table.Add(header);
        table.AddRange(list);
        using var indented = new StringWriter();
        RunsStore.WriteTable(indented, table);
        foreach (var line in indented.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            output.WriteLine($"  {line.TrimEnd('\r')}");
    }

    private void WriteJson(Run run, IReadOnlyList<MetricPoint> points, IReadOnlyDictionary<string, double> last,
        (Run Run, IReadOnlyDictionary<string, double> Metrics)[] children)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            RunsStore.WriteSummary(json, run, last);
            json.WriteString("seed", run.Seed.ToString(CultureInfo.InvariantCulture));
            Text(json, "data_version", run.DataVersion);
            Text(json, "code_version", run.CodeVersion);
            json.WriteString("host", run.Host);
            json.WriteStartObject("parameters");
            foreach (var (key, value) in run.Parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteStartObject("metrics");
            foreach (var group in points.GroupBy(point => point.Key))
            {
                json.WriteStartArray(group.Key);
                foreach (var point in group)
                {
                    json.WriteStartObject();
                    json.WriteNumber("step", point.Step);
                    RunsStore.Number(json, "value", point.Value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteStartObject("tags");
            foreach (var (key, value) in run.Tags.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteStartArray("children");
            foreach (var (child, metrics) in children)
            {
                json.WriteStartObject();
                RunsStore.WriteSummary(json, child, metrics);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
