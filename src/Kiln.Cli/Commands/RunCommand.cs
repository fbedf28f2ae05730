using System.CommandLine;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Store;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln run</c>: runs a kiln.yaml from the data file to a saved, evaluated model in the store.</summary>
internal sealed class RunCommand(CliContext context)
{
    public const string Description =
        "Run a kiln.yaml: ingest, profile, split, prepare, baseline, train and validate the candidates, select, refit, test once, save, report. " +
        "Progress goes to standard error, a summary (or with --json the metrics.json content) to standard output.";

    public Command Build()
    {
        var path = new Argument<string?>("path") { Description = "A kiln.yaml, or the folder holding one [default: the current folder].", Arity = ArgumentArity.ZeroOrOne };
        var store = new Option<string?>("--store") { Description = $"The store's folder [default: ${StoreRoot.EnvironmentVariable}, else ./{StoreRoot.DefaultFolder}].", HelpName = "dir" };
        var json = new Option<bool>("--json") { Description = "Print the run's metrics.json on standard output instead of the summary." };
        var noCache = new Option<bool>("--no-cache") { Description = "Fit everything afresh: do not reuse or store fits in the store's fit cache (.cache)." };
        var command = new Command("run", Description) { path, store, json, noCache };
        command.SetAction(parsed => Execute(parsed.GetValue(path), parsed.GetValue(store), parsed.GetValue(json), parsed.GetValue(noCache)));
        return command;
    }

    internal int Execute(string? path, string? store, bool json, bool noCache = false)
    {
        var file = KilnYaml.Locate(path, context.CurrentDirectory);
        var config = KilnYaml.Load(context.DisplayPath(file));
        var root = StoreRoot.Resolve(store, context.Environment, context.CurrentDirectory);
        var result = WorkflowRunner.Run(config, new RunOptions { StoreRoot = root, Progress = new LineProgress(context.Error), UseCache = !noCache });
        if (json)
            context.Out.Write(result.MetricsJson);
        else
            RunSummary.Write(context.Out, result);
        return KilnCli.Success;
    }

    /// <summary>Writes each progress line as it comes, on the caller's thread (System.Progress would post it later).</summary>
    private sealed class LineProgress(TextWriter writer) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => writer.WriteLine(value.ToString());
    }
}
