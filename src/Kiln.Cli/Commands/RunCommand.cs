using System.CommandLine;
using System.Runtime.InteropServices;
using Kiln.Core;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Registry;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln run</c>: runs a kiln.yaml from the data file to a saved, evaluated model in the store, and records the run in the run store.</summary>
internal sealed class RunCommand(CliContext context)
{
    public const string Description =
        "Run a kiln.yaml: ingest, profile, split, prepare, baseline, train and validate the candidates, select, refit, test once, save, report. " +
        "The run is recorded in the environment's run store (see 'kiln runs'). " +
        "Progress goes to standard error, a summary (or with --json the metrics.json content) to standard output.";

    public Command Build()
    {
        var path = new Argument<string?>("path") { Description = "A kiln.yaml, or the folder holding one [default: the current folder].", Arity = ArgumentArity.ZeroOrOne };
        var store = StoreOption();
        var environment = EnvironmentOption();
        var json = new Option<bool>("--json") { Description = "Print the run's metrics.json on standard output instead of the summary." };
        var noCache = new Option<bool>("--no-cache") { Description = "Fit everything afresh: do not reuse or store fits in the store's fit cache (.cache)." };
        var noRegister = new Option<bool>("--no-register") { Description = "Do not register the selected model in the model registry (see 'kiln models')." };
        var command = new Command("run", Description) { path, store, environment, json, noCache, noRegister };
        command.SetAction(parsed =>
        {
            using var stop = new StopSignal();
            var flags = new RunFlags(NoCache: parsed.GetValue(noCache), NoRegister: parsed.GetValue(noRegister));
            return Execute(parsed.GetValue(path), parsed.GetValue(store), parsed.GetValue(json), parsed.GetValue(environment), flags, stop.Token);
        });
        return command;
    }

    /// <summary>The <c>--store</c> option every command that reads or writes the store takes.</summary>
    internal static Option<string?> StoreOption() => new("--store")
    {
        Description = $"The store's folder [default: ${StoreRoot.EnvironmentVariable}, else the environment's store in {KilnSettingsFile.FileName}, else ./{StoreRoot.DefaultFolder} (develop) or ./{TrackingSettings.ProductionDefaultFolder} (production)].",
        HelpName = "dir",
    };

    /// <summary>The <c>--env</c> option every command that reads or writes the store takes.</summary>
    internal static Option<string?> EnvironmentOption() => new("--env")
    {
        Description = $"The environment: develop or production [default: ${TrackingSettings.EnvironmentVariable}, else {KilnSettingsFile.FileName}'s default_environment, else kiln.yaml's environment, else develop].",
        HelpName = "name",
    };

    internal int Execute(string? path, string? store, bool json, string? environment = null, RunFlags? flags = null, CancellationToken cancellationToken = default)
    {
        flags ??= new RunFlags(NoCache: false, NoRegister: false);
        var file = KilnYaml.Locate(path, context.CurrentDirectory);
        var config = KilnYaml.Load(context.DisplayPath(file));
        var settings = TrackingSettings.Resolve(environment, store, context.Environment, context.CurrentDirectory, config, Path.GetDirectoryName(file));
        // An S3 artifact root: the run stages, caches and keeps its local copy under the store root, and publishes to S3 too.
        var remote = ArtifactStores.IsRemote(settings.ArtifactRoot);
        var time = TimeProvider.System;
        using var runs = TrackingStores.Open(settings, time, claim: true);
        EndSilentRuns(runs, time, settings.LocalRoot, context);
        var tracking = new RunTracking
        {
            Store = runs,
            Environment = settings.Environment,
            Code = CodeVersion.Of(Path.GetDirectoryName(file)!),
        };
        RunResult result;
        try
        {
            result = WorkflowRunner.Run(config, new RunOptions
            {
                StoreRoot = settings.LocalRoot,
                ArtifactRoot = remote ? settings.ArtifactRoot : null,
                Progress = new LineProgress(context.Error),
                CancellationToken = cancellationToken,
                Tracking = tracking,
                TimeProvider = time,
                UseCache = !flags.NoCache,
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new KilnException($"The run was stopped before it ended; nothing was published, and the run store ({settings.StoreRoot}) records it as killed.");
        }
        var registered = flags.NoRegister ? null : Register(settings, config.Name, result, time);
        if (json)
            context.Out.Write(result.MetricsJson);
        else
            RunSummary.Write(context.Out, result);
        if (registered is not null)
            context.Log($"registered as model {registered.Name}/{registered.Version}; serve or score it as '{registered.Name}/{registered.Version}' (see 'kiln models')");
        context.Log($"recorded as run {result.Identity.RunId} ({settings.EnvironmentName}) in {context.DisplayPath(settings.StoreRoot)}; see 'kiln runs show {result.Identity.JobName}'");
        foreach (var problem in result.TrackingProblems)
            context.Warn($"run store: {problem}");
        return KilnCli.Success;
    }

    /// <summary>
    /// Registers the run's model as the next version of <paramref name="name"/> in the environment's registry; a registry
    /// that refuses is a warning, never a lost run. With an <c>s3://</c> artifact root the version's bundle is the published
    /// copy (<see cref="RunResult.PublishedBundle"/>), so any machine sharing the registry and the bucket can serve it.
    /// </summary>
    private ModelVersion? Register(TrackingSettings settings, string name, RunResult result, TimeProvider time)
    {
        var bundle = Path.Combine(result.JobDirectory, RunResult.ModelFileName);
        try
        {
            using var registry = ModelRegistries.Open(settings.Tracking, settings.StoreRoot, time);
            return registry.Register(name, ModelRegistration.FromBundle(bundle, bundleLocation: result.PublishedBundle));
        }
        catch (Exception exception) when (exception is KilnException or ArgumentException or IOException)
        {
            context.Warn($"the model was not registered ({exception.Message}); register it with 'kiln models register {name} --bundle {context.DisplayPath(bundle)}'");
            return null;
        }
    }

    /// <summary>Ends the runs whose process died (no heartbeat for a while) as killed, and removes the staging folders they left under <paramref name="localRoot"/>; a store that refuses is only a warning here.</summary>
    internal static void EndSilentRuns(Tracking.IRunStore store, TimeProvider time, string localRoot, CliContext? context = null)
    {
        try
        {
            var layout = new StoreLayout(localRoot);
            foreach (var runId in TrackingStores.EndSilentRuns(store, time))
                StagingDirectory.RemoveLeftovers(layout, runId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Ending other processes' dead runs is housekeeping; a store that refuses it must not stop this command.
            context?.Warn($"could not end the silent runs of the store: {exception.Message}");
        }
    }

    /// <summary>Writes each progress line as it comes, on the caller's thread (System.Progress would post it later).</summary>
    private sealed class LineProgress(TextWriter writer) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => writer.WriteLine(value.ToString());
    }
}
