using Kiln.Core;
using Kiln.Workflow.Caching;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Steps;

/// <summary>Step 6: scores every candidate over the validation folds, in kiln.yaml's order.</summary>
/// <remarks>
/// Reads <see cref="RunState.Split"/> and <see cref="RunState.Baseline"/>; sets <see cref="RunState.Candidates"/>; writes
/// <c>steps/candidates.json</c>, and <c>steps/fold_curves.json</c> when a candidate's learner recorded training curves in its
/// folds (see <see cref="CurvesJson"/>). A candidate that fails on this data (its options do not suit it, say) is recorded with its
/// error and left out of the selection; the run fails only when every candidate does. With the fit cache on, folds whose
/// result is cached (from an earlier run on the same data and configuration) are reused rather than fitted.
/// </remarks>
internal sealed class TrainStep : IWorkflowStep
{
    public string Name => "train";

    public void Run(RunState state)
    {
        var config = state.Resolved;
        var results = new List<CandidateScores>(config.Candidates.Count);
        var curves = new List<(string Candidate, IReadOnlyList<FoldCurves> Folds)>();
        foreach (var candidate in config.Candidates)
        {
            state.CancellationToken.ThrowIfCancellationRequested();
            CandidateScores scores;
            try
            {
                var folds = new List<FoldCurves>();
                var identity = FitKeys.Candidate(config, state.Ingest.Sha256, candidate, candidate.CreateEstimator(config.Task, config.Seed).GetType());
                var metrics = CrossValidation.Score(state, () => candidate.CreateEstimator(config.Task, config.Seed), folds, (candidate.Label, identity));
                if (folds.Count > 0)
                    curves.Add((candidate.Label, folds));
                scores = new CandidateScores(candidate.Label, candidate.Name, candidate.Options, metrics);
                state.Report($"{candidate.Label}: {Summary.Score(scores, config.Metric)}; {Summary.VersusBaseline(scores, state.Baseline, state.Metric)}{CacheNote(state, candidate.Label)}");
            }
            catch (KilnException exception)
            {
                scores = new CandidateScores(candidate.Label, candidate.Name, candidate.Options, [], exception.Message);
                state.Warn($"{candidate.Label} failed and is left out of the selection: {exception.Message}");
            }
            results.Add(scores);
        }
        state.Candidates = results;
        state.FoldCurves = curves.ToDictionary(entry => entry.Candidate, entry => entry.Folds, StringComparer.Ordinal);
        JsonFiles.Write(state.StagedFile("steps", "candidates.json"), json =>
        {
            json.WriteStartArray();
            foreach (var scores in results)
            {
                json.WriteStartObject();
                ScoresJson.Candidate(json, scores);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
        if (curves.Count > 0)
            CurvesJson.WriteFolds(state.StagedFile("steps", CurvesJson.FoldsFileName), curves);
        if (results.All(scores => scores.Error is not null))
            throw new KilnException($"Every candidate failed; the first, {results[0].Label}: {results[0].Error}");
    }

    private static string CacheNote(RunState state, string label)
    {
        if (state.Cache is not { } cache)
            return string.Empty;
        var events = cache.Events.Where(entry => entry.Kind == "fold" && entry.Candidate == label).ToArray();
        var reused = events.Count(entry => entry.Outcome == CacheOutcome.Reused);
        var resumed = events.Count(entry => entry.ResumedFrom is not null);
        var notes = new List<string>();
        if (reused > 0)
            notes.Add($"{reused} of {state.Split.Folds.Count} folds reused from the cache");
        if (resumed > 0)
            notes.Add($"{resumed} folds resumed from a checkpoint");
        return notes.Count == 0 ? string.Empty : $" ({string.Join("; ", notes)})";
    }
}
