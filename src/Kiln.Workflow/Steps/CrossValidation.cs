using System.Runtime.ExceptionServices;
using Kiln.Core;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Workflow.Caching;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Steps;

/// <summary>Scores one learner over the run's validation folds: in each fold the preparation and the learner are fitted on the fold's training rows only and scored on its test rows.</summary>
/// <remarks>
/// Folds are fitted in parallel (up to <see cref="RunOptions.MaxDegreeOfParallelism"/>), each learner on one thread, and the
/// results are gathered in fold order, so the scores do not depend on the degree of parallelism. When asked, each fold's
/// fit gets its own metric sink and the training curves it recorded are returned in fold order too. Given a candidate's
/// identity (<see cref="FitKeys.Candidate"/>) and a run with a fit cache, a fold whose result is cached is not fitted again,
/// a fold that is fitted is cached, and its fit keeps checkpoints in the cache so that it resumes after an interruption.
/// </remarks>
internal static class CrossValidation
{
    /// <summary>Every scalar metric of the task over the folds.</summary>
    /// <param name="state">The run.</param>
    /// <param name="createLearner">Makes the learner, once per fold.</param>
    /// <param name="curves">When not <see langword="null"/>, receives the training curves of each fold whose learner recorded any, in fold order.</param>
    /// <param name="cached">The candidate's label and identity when its folds may be cached; <see langword="null"/> to always fit.</param>
    /// <exception cref="KilnException">Fitting or scoring failed in a fold because of the data or the options (the message says which fold).</exception>
    public static IReadOnlyList<CvMetric> Score(RunState state, Func<IEstimator<IPredictor>> createLearner, ICollection<FoldCurves>? curves = null, (string Label, string Identity)? cached = null)
    {
        var folds = state.Split.Folds;
        var data = state.Data;
        var cache = cached is null ? null : state.Cache;
        var outcomes = new FoldOutcome[folds.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, state.Options.MaxDegreeOfParallelism),
            CancellationToken = state.CancellationToken,
        };
        var failures = new Exception?[folds.Count];
        Parallel.For(0, folds.Count, parallel, index =>
        {
            var fold = folds[index];
            var key = cache is null ? null : FitKeys.Fold(cached!.Value.Identity, fold.Index, fold.Repeat);
            if (cache is not null && cache.TryGetFold(key!, cached!.Value.Label, fold.Index, fold.Repeat, out var reused))
            {
                outcomes[index] = reused;
                return;
            }
            var recorder = new CurveRecorder();
            var checkpoints = cache?.Checkpoints(key!);
            var context = new FitContext
            {
                CancellationToken = state.CancellationToken,
                MaxDegreeOfParallelism = 1,
                TimeProvider = state.Options.TimeProvider,
                Metrics = curves is null ? null : recorder,
                Checkpoints = checkpoints,
            };
            try
            {
                var model = ModelingData.Pipeline(createLearner()).Fit(data.Rows(fold.Train), context);
                outcomes[index] = FoldOutcome.From(data.Score(model, fold.Test).Report, recorder.Snapshot());
                if (cache is not null)
                {
                    cache.PutFold(key!, cached!.Value.Label, fold.Index, fold.Repeat, outcomes[index], checkpoints!.ResumedFrom);
                    checkpoints.Delete();
                }
            }
            catch (Exception exception) when (exception is KilnException or ArgumentException && exception is not ArgumentNullException)
            {
                failures[index] = new KilnException($"fold {fold.Index + 1} of repeat {fold.Repeat + 1}: {Messages.Of(exception)}", exception);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures[index] = exception;
            }
        });
        // The earliest fold's failure is reported, whatever order the folds finished in.
        if (Array.Find(failures, failure => failure is not null) is { } first)
            ExceptionDispatchInfo.Capture(first).Throw();
        for (var index = 0; curves is not null && index < outcomes.Length; index++)
        {
            if (!outcomes[index].Curves.IsEmpty)
                curves.Add(new FoldCurves(folds[index].Index, folds[index].Repeat, outcomes[index].Curves));
        }
        return Summarize(outcomes);
    }

    private static List<CvMetric> Summarize(FoldOutcome[] outcomes)
    {
        var names = outcomes[0].Metrics.Select(metric => metric.Name).ToArray();
        var result = new List<CvMetric>(names.Length);
        foreach (var name in names)
        {
            var values = new double?[outcomes.Length];
            string? error = null;
            for (var fold = 0; fold < outcomes.Length; fold++)
            {
                var metric = outcomes[fold].Metrics.FirstOrDefault(candidate => candidate.Name == name);
                if (metric is not null && metric.Succeeded && double.IsFinite(metric.Value))
                    values[fold] = metric.Value;
                else
                    error ??= $"undefined in fold {fold + 1}: {metric?.Error ?? "not a finite number"}";
            }
            result.Add(CvMetric.FromFolds(name, values, error));
        }
        return result;
    }
}
