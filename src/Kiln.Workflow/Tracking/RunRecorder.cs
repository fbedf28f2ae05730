using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Kiln.Tracking;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Steps;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tracking;

/// <summary>Records one <c>kiln run</c> in the run store as it goes: the top-level run, a child run per candidate (and the baseline), a grandchild per fold.</summary>
/// <remarks>
/// <para>
/// The top-level run is created once the ingest step has read the data, so that it carries the data version; a run that fails
/// earlier is created when it fails. Its id and job name are the workflow's <see cref="RunIdentity"/>. The store refuses a job
/// name already used in the namespace; that refusal ends the run like the job-folder check does, with a
/// <see cref="JobNameTakenException"/>.
/// </para>
/// <para>
/// Each step's results are written when the step ends, one metric batch per run. Anything else the store refuses is a
/// recording problem: it is reported (<see cref="Problems"/> and a progress line) and never fails the run or loses its outputs.
/// Every child run is ended (finished, or failed with its error) as soon as it is recorded, and the top-level run ends
/// finished, failed (tag <see cref="TrackingKeys.Error"/>) or killed (cancellation), so no row stays running.
/// </para>
/// </remarks>
internal sealed class RunRecorder : IDisposable
{
    private readonly RunTracking _tracking;
    private readonly IRunStore _store;
    private readonly KilnConfig _config;
    private readonly RunIdentity _identity;
    private readonly TimeProvider _time;
    private readonly List<string> _problems = [];
    private readonly Lock _gate = new();
    private ITimer? _heartbeat;
    private bool _created;
    private bool _refused;
    private bool _ended;
    private bool _beatFailed;

    public RunRecorder(RunTracking tracking, KilnConfig config, RunIdentity identity, TimeProvider time)
    {
        _tracking = tracking;
        _store = tracking.Store;
        _config = config;
        _identity = identity;
        _time = time;
    }

    /// <summary>The Kiln version recorded in each run's <see cref="TrackingKeys.Version"/> tag.</summary>
    public static string KilnVersion { get; } =
        typeof(RunRecorder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>What the store refused to record, in order; the run went on regardless. A live view: read it once the run has ended.</summary>
    public IReadOnlyList<string> Problems => _problems.AsReadOnly();

    private string RunId => _identity.RunId;

    /// <summary>The id of a child run: 32 hexadecimal digits of the SHA-256 of the parent's id and the child's path, so the same run always gives the same ids.</summary>
    public static string ChildId(string parentId, string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{parentId}/{path}")))[..32];

    /// <summary>Records what <paramref name="step"/> produced.</summary>
    /// <exception cref="JobNameTakenException">The store holds a run with the job name in the namespace.</exception>
    public void AfterStep(IWorkflowStep step, RunState state)
    {
        switch (step)
        {
            case IngestStep:
                Create(state);
                break;
            case BaselineStep:
                Record(state, "the baseline", () => RecordCandidate(state, state.Baseline, TrackingKeys.KindBaseline, []));
                break;
            case TrainStep:
                foreach (var scores in state.Candidates)
                {
                    var curves = state.FoldCurves.GetValueOrDefault(scores.Label) ?? [];
                    Record(state, $"candidate {scores.Label}", () => RecordCandidate(state, scores, TrackingKeys.KindCandidate, curves));
                }
                break;
            case SelectStep:
                Record(state, "the selection", () =>
                {
                    _store.SetTags(RunId, Pairs((TrackingKeys.Selected, state.Selection.Scores.Label)));
                    var means = state.Selection.Scores.Metrics.Where(metric => metric.Mean is not null)
                        .Select(metric => new MetricPoint(TrackingKeys.CvPrefix + metric.Name, 0, metric.Mean!.Value)).ToArray();
                    if (means.Length > 0)
                        _store.LogMetrics(RunId, means);
                });
                break;
            case RefitStep:
                Record(state, "the refit's training curves", () =>
                {
                    var points = CurvePoints(state.Curves);
                    if (points.Count > 0)
                        _store.LogMetrics(RunId, points);
                });
                break;
            case TestStep:
                Record(state, "the test metrics", () =>
                {
                    var points = state.Test.Report.Metrics.Where(metric => metric.PerClass is null && metric.Succeeded)
                        .Select(metric => new MetricPoint(metric.Name, 0, metric.Value)).ToArray();
                    if (points.Length > 0)
                        _store.LogMetrics(RunId, points);
                });
                break;
        }
    }

    /// <summary>Ends the run as finished, with its job folder.</summary>
    public void Finish(RunState state, RunResult result)
    {
        try
        {
            Create(state);
        }
        catch (JobNameTakenException exception)
        {
            Problem(state, exception.Message);
        }
        if (!_created || _ended)
            return;
        StopHeartbeat();
        _ended = true;
        Record(state, "the end of the run", () =>
        {
            _store.SetTags(RunId, Pairs((TrackingKeys.JobFolder, result.JobDirectory)));
            _store.EndRun(RunId, RunStatus.Finished);
        });
    }

    /// <summary>Ends the run as failed or killed, with <paramref name="message"/> in its <see cref="TrackingKeys.Error"/> tag; creates it first when it failed before the data was read.</summary>
    public void End(RunState state, RunStatus status, string message)
    {
        try
        {
            Create(state);
        }
        catch (JobNameTakenException)
        {
            return;
        }
        if (!_created || _ended)
            return;
        StopHeartbeat();
        _ended = true;
        Record(state, "the end of the run", () =>
        {
            _store.SetTags(RunId, Pairs((TrackingKeys.Error, message)));
            _store.EndRun(RunId, status);
        });
    }

    public void Dispose() => StopHeartbeat();

    private void Create(RunState state)
    {
        if (_created || _refused)
            return;
        var ingest = state.HasIngest ? state.Ingest : null;
        try
        {
            _store.CreateRun(NewRun(RunId, _identity.JobName, null, ingest?.Version));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _refused = true;
            if (JobNameHolder() is { } holder)
                throw new JobNameTakenException(_config.Namespace, _identity.JobName, holder);
            Problem(state, $"the run could not be recorded: {exception.Message}");
            return;
        }
        _created = true;
        Record(state, "the parameters", () =>
            _store.LogParameters(RunId, ingest is null ? ConfigParameters.Of(_config, _tracking.Environment) : ConfigParameters.Of(state.Resolved, _tracking.Environment)));
        Record(state, "the tags", () =>
        {
            var tags = Pairs(
                (TrackingKeys.Kind, TrackingKeys.KindRun),
                (TrackingKeys.Model, _config.Name),
                (TrackingKeys.Version, KilnVersion));
            if (ingest is not null)
            {
                tags[TrackingKeys.Task] = ConfigNames.Of(ingest.Config.Task);
                tags[TrackingKeys.Dataset] = ingest.Dataset;
                tags[TrackingKeys.SelectionMetric] = ingest.Config.Metric;
            }
            if (_tracking.Code is { IsDirty: true })
                tags[TrackingKeys.CodeDirty] = "true";
            _store.SetTags(RunId, tags);
        });
        _heartbeat = _time.CreateTimer(_ => Beat(), null, _tracking.HeartbeatInterval, _tracking.HeartbeatInterval);
    }

    /// <summary>Where the run that holds this run's job name is: its job folder, or its id and status; <see langword="null"/> when no run holds it.</summary>
    private string? JobNameHolder()
    {
        try
        {
            var holder = _store.ListRuns(new RunFilter { Namespace = _config.Namespace })
                .FirstOrDefault(run => run.JobName == _identity.JobName && run.Id != RunId);
            if (holder is null)
                return null;
            return holder.Tags.TryGetValue(TrackingKeys.JobFolder, out var folder)
                ? folder
                : $"run {holder.Id} in the run store, {holder.Status.ToString().ToLowerInvariant()}, without a job folder; 'kiln runs delete {holder.Id}' frees the name";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
    }

    private NewRun NewRun(string id, string jobName, string? parentId, string? dataVersion) => new()
    {
        Id = id,
        JobName = jobName,
        Namespace = _config.Namespace,
        Environment = _tracking.Environment,
        ParentId = parentId,
        Seed = _config.Seed,
        DataVersion = dataVersion,
        CodeVersion = _tracking.Code?.Commit,
        Host = _tracking.Host,
    };

    private void RecordCandidate(RunState state, CandidateScores scores, string kind, IReadOnlyList<FoldCurves> curves)
    {
        if (!_created)
            return;
        var id = ChildId(RunId, $"{kind}/{scores.Label}");
        var tags = Pairs((TrackingKeys.Kind, kind), (TrackingKeys.Candidate, scores.Label), (TrackingKeys.Learner, scores.Learner),
            (TrackingKeys.SelectionMetric, state.Resolved.Metric));
        Child(state, id, RunId, () =>
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (option, value) in scores.Options)
                parameters[option] = ConfigParameters.Text(value);
            if (parameters.Count > 0)
                _store.LogParameters(id, parameters);
            if (scores.Error is not null)
                tags[TrackingKeys.Error] = scores.Error;
            _store.SetTags(id, tags);
            var points = new List<MetricPoint>();
            foreach (var metric in scores.Metrics)
            {
                if (metric.Mean is { } mean)
                    points.Add(new MetricPoint(metric.Name, 0, mean));
                if (metric.Std is { } std)
                    points.Add(new MetricPoint(metric.Name + TrackingKeys.StdSuffix, 0, std));
                for (var fold = 0; fold < metric.Folds.Count; fold++)
                {
                    if (metric.Folds[fold] is { } value)
                        points.Add(new MetricPoint(metric.Name + TrackingKeys.FoldsSuffix, fold, value));
                }
            }
            if (points.Count > 0)
                _store.LogMetrics(id, points);
            if (scores.Error is null && state.HasSplit)
            {
                var folds = state.Split.Folds;
                for (var position = 0; position < folds.Count; position++)
                    RecordFold(state, id, scores, position, curves);
            }
            return scores.Error is null ? RunStatus.Finished : RunStatus.Failed;
        });
    }

    private void RecordFold(RunState state, string parentId, CandidateScores scores, int position, IReadOnlyList<FoldCurves> curves)
    {
        var fold = state.Split.Folds[position];
        var id = ChildId(parentId, string.Create(CultureInfo.InvariantCulture, $"fold/{position}"));
        Child(state, id, parentId, () =>
        {
            _store.LogParameters(id, Pairs(
                ("fold", fold.Index.ToString(CultureInfo.InvariantCulture)),
                ("repeat", fold.Repeat.ToString(CultureInfo.InvariantCulture)),
                ("train_rows", fold.Train.Length.ToString(CultureInfo.InvariantCulture)),
                ("test_rows", fold.Test.Length.ToString(CultureInfo.InvariantCulture))));
            _store.SetTags(id, Pairs((TrackingKeys.Kind, TrackingKeys.KindFold), (TrackingKeys.Candidate, scores.Label),
                (TrackingKeys.Learner, scores.Learner), (TrackingKeys.SelectionMetric, state.Resolved.Metric)));
            var points = scores.Metrics.Where(metric => position < metric.Folds.Count && metric.Folds[position] is not null)
                .Select(metric => new MetricPoint(metric.Name, 0, metric.Folds[position]!.Value)).ToList();
            if (curves.FirstOrDefault(curve => curve.Fold == fold.Index && curve.Repeat == fold.Repeat) is { } recorded)
                points.AddRange(CurvePoints(recorded.Curves));
            if (points.Count > 0)
                _store.LogMetrics(id, points);
            return RunStatus.Finished;
        });
    }

    /// <summary>Creates a child run, records it, and always ends it: with the body's status, or failed when recording it failed.</summary>
    private void Child(RunState state, string id, string parentId, Func<RunStatus> body)
    {
        _store.CreateRun(NewRun(id, id, parentId, state.HasIngest ? state.Ingest.Version : null));
        var status = RunStatus.Failed;
        try
        {
            status = body();
        }
        finally
        {
            _store.EndRun(id, status);
        }
    }

    private static List<MetricPoint> CurvePoints(RecordedCurves curves)
    {
        var points = new List<MetricPoint>();
        foreach (var curve in curves.Curves)
        {
            // A learner records each step once; should one record a step twice, the last value is the one kept.
            foreach (var point in curve.Points.GroupBy(point => point.Step).Select(group => group.Last()))
            {
                if (point.Step >= 0)
                    points.Add(new MetricPoint(TrackingKeys.CurvePrefix + curve.Name, point.Step, point.Value));
            }
        }
        if (curves.BestStep is { } best)
            points.Add(new MetricPoint(TrackingKeys.BestStep, 0, best));
        return points;
    }

    private void Beat()
    {
        try
        {
            _store.Heartbeat(RunId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            lock (_gate)
            {
                if (_beatFailed)
                    return;
                _beatFailed = true;
                _problems.Add($"the run's heartbeat could not be recorded: {exception.Message}");
            }
        }
    }

    private void StopHeartbeat()
    {
        _heartbeat?.Dispose();
        _heartbeat = null;
    }

    private void Record(RunState state, string what, Action action)
    {
        if (!_created)
            return;
        try
        {
            action();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Problem(state, $"{what} could not be recorded: {Messages.Of(exception)}");
        }
    }

    private void Problem(RunState state, string message)
    {
        lock (_gate)
            _problems.Add(message);
        state.Report($"warning: run store: {message}");
    }

    private static Dictionary<string, string> Pairs(params (string Key, string Value)[] pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
            result[key] = value;
        return result;
    }
}
