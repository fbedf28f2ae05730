using System.CommandLine;
using Kiln.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln runs compare RUN RUN...</c>: runs side by side: the parameters that differ between them, and every metric's last value.</summary>
internal sealed class RunsCompareCommand(CliContext context)
{
    public Command Build()
    {
        var runs = new Argument<string[]>("runs") { Description = "Two or more run ids or job names.", Arity = new ArgumentArity(2, 100) };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var ns = RunsCommand.NamespaceOption("The namespace of the job names (when several namespaces use one).");
        var command = new Command("compare", "Compare runs side by side: the parameters that differ, and the metrics.") { runs, store, environment, ns };
        command.SetAction(parsed => Execute(parsed.GetValue(runs)!, parsed.GetValue(store), parsed.GetValue(environment), parsed.GetValue(ns)));
        return command;
    }

    internal int Execute(IReadOnlyList<string> references, string? store, string? environment, string? ns)
    {
        if (references.Count < 2)
            throw new CliUsageException($"kiln runs compare needs two or more runs; got {references.Count}.");
        using var opened = RunsStore.Open(context, store, environment);
        var runs = references.Select(reference => opened.Find(reference, ns)).ToArray();
        var metrics = runs.Select(opened.LastMetrics).ToArray();

        var rows = new List<string[]>();
        rows.Add(["", .. runs.Select(run => run.JobName)]);
        rows.Add(["id", .. runs.Select(run => run.Id)]);
        rows.Add(["status", .. runs.Select(run => RunsStore.StatusName(run.Status))]);
        rows.Add(["data", .. runs.Select(run => run.DataVersion ?? "-")]);
        var differing = runs.SelectMany(run => run.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(key => runs.Select(run => run.Parameters.GetValueOrDefault(key)).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToArray();
        rows.Add([$"parameters that differ ({differing.Length})", .. runs.Select(_ => string.Empty)]);
        foreach (var key in differing)
            rows.Add([$"  {key}", .. runs.Select(run => run.Parameters.GetValueOrDefault(key) ?? "-")]);
        var metricKeys = metrics.SelectMany(values => values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        rows.Add([$"metrics, last values ({metricKeys.Length})", .. runs.Select(_ => string.Empty)]);
        foreach (var key in metricKeys)
            rows.Add([$"  {key}", .. metrics.Select(values => RunsStore.Value(values.TryGetValue(key, out var value) ? value : null))]);
        RunsStore.WriteTable(context.Out, rows);
        return KilnCli.Success;
    }
}
