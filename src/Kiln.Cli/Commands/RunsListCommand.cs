using System.CommandLine;
using System.Text.Json;
using Kiln.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln runs list</c>: the runs of the store, oldest first, as a table or (<c>--json</c>) a JSON array.</summary>
internal sealed class RunsListCommand(CliContext context)
{
    private static readonly string[] Header = ["id", "job_name", "namespace", "status", "started", "metric", "value", "kind"];

    public Command Build()
    {
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var ns = RunsCommand.NamespaceOption("Only runs in this namespace.");
        var status = new Option<string?>("--status") { Description = "Only runs with this status: running, finished, failed or killed.", HelpName = "status" };
        var where = new Option<string?>("--where")
        {
            Description = "Only runs that pass this filter: clauses such as \"metrics.accuracy > 0.9\", \"params.config.task = 'regression'\" or \"tags.kiln.model = 'penguins'\", joined by 'and'.",
            HelpName = "filter",
        };
        var all = new Option<bool>("--all") { Description = "Include the child runs (candidates and folds); by default only top-level runs." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of runs: id, job_name, namespace, environment, status, parent_id, started, ended, selection_metric {name, value}." };
        var command = new Command("list", "List the runs, oldest first.") { store, environment, ns, status, where, all, json };
        command.SetAction(parsed => Execute(parsed.GetValue(store), parsed.GetValue(environment), parsed.GetValue(ns), parsed.GetValue(status),
            parsed.GetValue(where), parsed.GetValue(all), parsed.GetValue(json)));
        return command;
    }

    internal int Execute(string? store, string? environment, string? ns, string? status, string? where, bool all, bool json)
    {
        var filter = where is null ? null : RunsWhere.Parse(where);
        var wanted = status is null ? (RunStatus?)null : ParseStatus(status);
        if (ns is not null && !TrackingNames.IsValidName(ns))
            throw new CliUsageException($"--namespace '{TrackingNames.Display(ns)}' is not a namespace: use {TrackingNames.Rule}.");
        using var runs = RunsStore.Open(context, store, environment);
        var listed = new List<(Run Run, IReadOnlyDictionary<string, double> Metrics)>();
        foreach (var run in runs.Store?.ListRuns(new RunFilter { Namespace = ns, Status = wanted, TopLevelOnly = !all }) ?? [])
        {
            var metrics = runs.LastMetrics(run);
            if (filter is null || filter.Matches(run, metrics))
                listed.Add((run, metrics));
        }
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartArray();
                foreach (var (run, metrics) in listed)
                {
                    writer.WriteStartObject();
                    RunsStore.WriteSummary(writer, run, metrics);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return KilnCli.Success;
        }
        if (listed.Count == 0)
        {
            context.Log($"no runs in the {runs.Settings.EnvironmentName} store {runs.Settings.StoreRoot}{(all ? string.Empty : " (top-level runs; --all shows the child runs too)")}");
            return KilnCli.Success;
        }
        var rows = new List<string[]> { Header };
        foreach (var (run, metrics) in listed)
        {
            var selection = RunsStore.SelectionMetric(run, metrics);
            rows.Add([
                run.Id, run.JobName, run.Namespace, RunsStore.StatusName(run.Status), RunsStore.Time(run.Started)[..19].Replace('T', ' '),
                selection?.Name ?? "-", RunsStore.Value(selection?.Value), Kind(run),
            ]);
        }
        RunsStore.WriteTable(context.Out, rows);
        return KilnCli.Success;
    }

    internal static RunStatus ParseStatus(string text) => text switch
    {
        "running" => RunStatus.Running,
        "finished" => RunStatus.Finished,
        "failed" => RunStatus.Failed,
        "killed" => RunStatus.Killed,
        _ => throw new CliUsageException($"--status '{TrackingNames.Display(text)}' is not a status: use running, finished, failed or killed."),
    };

    private static string Kind(Run run)
    {
        var kind = run.Tags.GetValueOrDefault(Workflow.Tracking.TrackingKeys.Kind, run.ParentId is null ? "run" : "child");
        return run.Tags.TryGetValue(Workflow.Tracking.TrackingKeys.Candidate, out var label) ? $"{kind} {label}" : kind;
    }
}
