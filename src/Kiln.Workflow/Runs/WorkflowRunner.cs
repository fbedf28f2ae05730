using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Steps;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tracking;

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
/// A run that fails (bad data, a bad kiln.yaml, cancellation, a bug) leaves the store's layout as it found it: the staging
/// folder is deleted, and so are the <c>.staging</c> folder and the store's root when the run made them and they are empty.
/// </para>
/// <para>
/// With <see cref="RunOptions.Tracking"/>, the run is also recorded in the run store as it goes (<see cref="RunRecorder"/>):
/// finished when published, failed with its error, or killed when cancelled.
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
        using var recorder = options.Tracking is { } tracking ? new RunRecorder(tracking, config, identity, options.TimeProvider) : null;
        var staging = StagingDirectory.Create(layout, identity.RunId);
        try
        {
            var state = new RunState(config, options, identity, layout, staging.Path)
            {
                Cache = options.UseCache ? new Caching.FitCache(layout.Root, identity.RunId, options.CheckpointSaved) : null,
            };
            try
            {
                for (var i = 0; i < steps.Count; i++)
                {
                    state.Begin(i + 1, steps.Count, steps[i].Name);
                    steps[i].Run(state);
                    recorder?.AfterStep(steps[i], state);
                }
                options.CancellationToken.ThrowIfCancellationRequested();
                var data = Publish(state, staging);
                var result = Result(state, data, recorder?.Problems ?? []);
                recorder?.Finish(state, result);
                return result;
            }
            catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
            {
                recorder?.End(state, RunStatus.Killed, "cancelled (Ctrl+C or a stop signal) before the run ended");
                throw;
            }
            catch (Exception exception)
            {
                recorder?.End(state, RunStatus.Failed, Messages.Of(exception));
                throw;
            }
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
        var day = StoreLayout.DayOf(identity.StartedAt);
        // An artifact root besides the store (s3://bucket/prefix): the same folders are published there too, before the
        // local rename, so a run that cannot publish its job there fails and publishes no job folder locally either.
        if (ArtifactPublisher.ConfiguredRoot(state.Options.ArtifactRoot, state.Layout.Root) is { } artifactRoot)
        {
            using var artifacts = ArtifactPublisher.Open(artifactRoot);
            ArtifactPublisher.EnsureJobNameFree(artifacts, config.Namespace, identity.JobName);
            ArtifactPublisher.PublishDataVersion(artifacts, state.Layout, config.Namespace, data);
            ArtifactPublisher.PublishJob(artifacts, config.Namespace, config.Name, day, identity.JobName, staging.Path);
        }
        staging.Publish(state.Layout.Job(config.Namespace, config.Name, day, identity.JobName));
        return data;
    }

    private static RunResult Result(RunState state, IngestedData data, IReadOnlyList<string> trackingProblems)
    {
        var config = state.Resolved;
        var holdout = state.Split.Holdout;
        var day = StoreLayout.DayOf(state.Identity.StartedAt);
        var jobDirectory = state.Layout.Job(config.Namespace, config.Name, day, state.Identity.JobName);
        var artifactRoot = ArtifactPublisher.ConfiguredRoot(state.Options.ArtifactRoot, state.Layout.Root);
        return new RunResult
        {
            Identity = state.Identity,
            JobDirectory = jobDirectory,
            PublishedBundle = artifactRoot is null ? null : ArtifactPublisher.JobFileLocation(artifactRoot, config.Namespace, config.Name, day, state.Identity.JobName, RunResult.ModelFileName),
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
            TrackingProblems = trackingProblems,
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
