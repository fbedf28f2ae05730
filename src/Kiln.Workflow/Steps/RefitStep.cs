using System.Globalization;
using Kiln.Core.Learners;
using Kiln.Core.Preparation;
using Kiln.Workflow.Caching;

namespace Kiln.Workflow.Steps;

/// <summary>Step 8: refits the chosen candidate, preparation included, on the train and validation rows together.</summary>
/// <remarks>
/// Reads <see cref="RunState.Selection"/> and <see cref="RunState.Split"/>; sets <see cref="RunState.Model"/> and
/// <see cref="RunState.Curves"/>; writes <c>steps/refit.json</c>, and <c>curves.json</c> when the learner recorded training
/// curves. The fit gets a metric sink but no validation set: the test rows stay sealed, and a learner that stops early
/// holds its own validation share out of these rows. With the fit cache on, a refit cached by an earlier run on the same data
/// and configuration is loaded instead of fitted; otherwise the fit keeps its checkpoints in the cache, so a run killed during
/// a long refit resumes from the last checkpoint when it is run again, and the last checkpoint is kept in the job's
/// <c>checkpoints/</c> folder.
/// </remarks>
internal sealed class RefitStep : IWorkflowStep
{
    public string Name => "refit";

    public void Run(RunState state)
    {
        var config = state.Resolved;
        var candidate = state.Selection.Candidate;
        var rows = state.Split.Development;
        var (model, curves, note) = FitOrReuse(state, candidate, rows);
        state.Model = model;
        state.Curves = curves;
        if (!curves.IsEmpty)
            CurvesJson.Write(state.StagedFile(CurvesJson.FileName), curves, candidate.Label, rows.Length);
        JsonFiles.Write(state.StagedFile("steps", "refit.json"), json =>
        {
            json.WriteStartObject();
            json.WriteString("candidate", candidate.Label);
            json.WriteString("learner", candidate.Name);
            JsonFiles.Options(json, "options", candidate.Options);
            json.WriteNumber("rows", rows.Length);
            JsonFiles.Strings(json, "inputs", state.Model.InputSchema.Names);
            json.WriteString("predictor", state.Model.Predictor.Kind);
            JsonFiles.Strings(json, "curves", curves.Curves.Select(curve => curve.Name));
            json.WriteEndObject();
        });
        state.Report(string.Create(CultureInfo.InvariantCulture, $"{candidate.Label} on the {rows.Length} train and validation rows{CurvesNote(curves)}{note}"));
        if (state.Cache is { } cache)
            WriteCacheLog(state, cache);
    }

    private static (PipelineModel Model, RecordedCurves Curves, string Note) FitOrReuse(RunState state, Configuration.ResolvedCandidate candidate, int[] rows)
    {
        var config = state.Resolved;
        var cache = state.Cache;
        string? key = null;
        if (cache is not null)
        {
            var identity = FitKeys.Candidate(config, state.Ingest.Sha256, candidate, candidate.CreateEstimator(config.Task, config.Seed).GetType());
            key = FitKeys.Refit(identity, rows.Length);
            if (cache.TryGetRefit(key, candidate.Label, out var cached, out var cachedCurves))
                return (cached, cachedCurves, " (reused from the cache)");
        }
        var recorder = new CurveRecorder();
        var checkpoints = key is null ? null : cache!.Checkpoints(key);
        var context = new FitContext
        {
            CancellationToken = state.CancellationToken,
            Metrics = recorder,
            MaxDegreeOfParallelism = Math.Max(1, state.Options.MaxDegreeOfParallelism),
            TimeProvider = state.Options.TimeProvider,
            Checkpoints = checkpoints,
        };
        var model = ModelingData.Pipeline(candidate.CreateEstimator(config.Task, config.Seed)).Fit(state.Data.Rows(rows), context);
        var curves = recorder.Snapshot();
        if (key is null)
            return (model, curves, string.Empty);
        if (File.Exists(checkpoints!.FilePath))
            File.Copy(checkpoints.FilePath, state.StagedFile("checkpoints", "refit", FileCheckpointStore.FileName));
        cache!.PutRefit(key, candidate.Label, model, curves, checkpoints.ResumedFrom, state.Options.TimeProvider);
        checkpoints.Delete();
        return (model, curves, checkpoints.ResumedFrom is { } step
            ? string.Create(CultureInfo.InvariantCulture, $" (resumed from the checkpoint at step {step})")
            : string.Empty);
    }

    /// <summary>Writes <c>steps/cache.json</c>: every fit the run looked up in or stored to the cache, with its key, folds first (by candidate, repeat and fold), then the refit.</summary>
    private static void WriteCacheLog(RunState state, FitCache cache) => JsonFiles.Write(state.StagedFile("steps", "cache.json"), json =>
    {
        var candidates = state.Resolved.Candidates.Select(candidate => candidate.Label).ToList();
        var events = cache.Events
            .OrderBy(entry => entry.Kind, StringComparer.Ordinal)
            .ThenBy(entry => candidates.IndexOf(entry.Candidate))
            .ThenBy(entry => entry.Repeat)
            .ThenBy(entry => entry.Fold);
        json.WriteStartArray();
        foreach (var entry in events)
        {
            json.WriteStartObject();
            json.WriteString("kind", entry.Kind);
            json.WriteString("candidate", entry.Candidate);
            if (entry.Fold is { } fold)
                json.WriteNumber("fold", fold);
            if (entry.Repeat is { } repeat)
                json.WriteNumber("repeat", repeat);
            json.WriteString("outcome", entry.Outcome.ToString().ToLowerInvariant());
            if (entry.ResumedFrom is { } step)
                json.WriteNumber("resumed_from_step", step);
            json.WriteString("key", entry.Key);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    private static string CurvesNote(RecordedCurves curves)
    {
        if (curves.IsEmpty)
            return string.Empty;
        var names = curves.Curves.Count > 0 ? $"; training curves: {string.Join(", ", curves.Curves.Select(curve => curve.Name))}" : string.Empty;
        return curves.BestStep is { } best ? string.Create(CultureInfo.InvariantCulture, $"{names}; early stopping at step {best}") : names;
    }
}
