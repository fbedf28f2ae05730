using Kiln.Core;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Steps;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Runs;

/// <summary>Runs a kiln.yaml: ingest, profile, split, prepare, baseline, train, select, refit, test, save, report; then publishes the outputs.</summary>
/// <remarks>
/// <para>
/// Each step writes its outputs into the job's staging folder under the store's <c>.staging</c> before the next starts. When
/// every step has succeeded, the data version is stored (or the stored one reused) under
/// <c>ns=&lt;namespace&gt;/input/data/&lt;dataset&gt;/&lt;version&gt;/year=…/month=…/day=…/</c>, and the staging folder is renamed to
/// <c>ns=&lt;namespace&gt;/output/&lt;name&gt;/year=…/month=…/day=…/&lt;job_name&gt;/</c> in one move.
/// </para>
/// <para>
/// A run that fails (bad data, a bad kiln.yaml, cancellation, a bug) leaves the store as it found it: the staging folder is
/// deleted, and so are the <c>.staging</c> folder and the store's root when the run made them and they are empty.
/// </para>
/// </remarks>
public static class WorkflowRunner
{
    /// <summary>Runs <paramref name="config"/> with the default steps.</summary>
    /// <exception cref="KilnException">The configuration, the data or the store refuses the run (the message says what and where); nothing is left in the store.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled; nothing is left in the store.</exception>
    public static RunResult Run(KilnConfig config, RunOptions options) => Run(config, options, WorkflowSteps.Default());

    internal static RunResult Run(KilnConfig config, RunOptions options, IReadOnlyList<IWorkflowStep> steps)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(steps);
        var layout = new StoreLayout(options.StoreRoot);
        var ids = new KilnRandom(options.RunIdSeed ?? RunIdentity.EntropySeed());
        var identity = RunIdentity.Create(config.Name, config.JobName, options.TimeProvider, ids);
        layout.EnsureJobNameFree(config.Namespace, identity.JobName);

        var rootExisted = Directory.Exists(layout.Root);
        var stagingExisted = Directory.Exists(layout.StagingRoot);
        var staging = StagingDirectory.Create(layout, identity.RunId);
        try
        {
            var state = new RunState(config, options, identity, layout, staging.Path)
            {
                Cache = options.UseCache ? new Caching.FitCache(layout.Root, identity.RunId, options.CheckpointSaved) : null,
            };
            for (var i = 0; i < steps.Count; i++)
            {
                state.Begin(i + 1, steps.Count, steps[i].Name);
                steps[i].Run(state);
            }
            options.CancellationToken.ThrowIfCancellationRequested();
            var data = Publish(state, staging);
            return Result(state, data);
        }
        finally
        {
            if (!staging.IsPublished)
                staging.Dispose();
            if (!stagingExisted)
                RemoveIfEmpty(layout.StagingRoot);
            if (!rootExisted)
                RemoveIfEmpty(layout.Root);
        }
    }

    private static IngestedData Publish(RunState state, StagingDirectory staging)
    {
        var config = state.Resolved;
        var identity = state.Identity;
        state.Layout.EnsureJobNameFree(config.Namespace, identity.JobName);
        var ingest = state.Ingest;
        var data = DataVersions.Ingest(state.Layout, config.Namespace, ingest.Source.Path, identity.StartedAt, $"{identity.RunId}-data", ingest.Dataset);
        if (data.Sha256 != ingest.Sha256)
            throw new KilnException($"{ingest.Source.Path} changed during the run (its content hash is no longer the one the run read); run again once nothing writes to it.");
        staging.Publish(state.Layout.Job(config.Namespace, config.Name, StoreLayout.DayOf(identity.StartedAt), identity.JobName));
        return data;
    }

    private static RunResult Result(RunState state, IngestedData data)
    {
        var config = state.Resolved;
        var holdout = state.Split.Holdout;
        var jobDirectory = state.Layout.Job(config.Namespace, config.Name, StoreLayout.DayOf(state.Identity.StartedAt), state.Identity.JobName);
        return new RunResult
        {
            Identity = state.Identity,
            JobDirectory = jobDirectory,
            DataDirectory = data.Directory,
            Config = config,
            RowsRead = state.Ingest.RowsRead,
            RowsMissingTarget = state.Ingest.MissingTargetRows.Length,
            SplitSizes = (holdout.Train.Length, holdout.Validation.Length, holdout.Test.Length),
            Baseline = state.Baseline,
            Candidates = state.Candidates,
            Selected = state.Selection.Scores.Label,
            Test = state.Test.Report,
            Warnings = state.Warnings,
            MetricsJson = File.ReadAllText(Path.Combine(jobDirectory, MetricsDocument.FileName)),
        };
    }

    private static void RemoveIfEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }
        catch (IOException)
        {
            // Another run wrote into it meanwhile: it is not ours to remove.
        }
    }
}
