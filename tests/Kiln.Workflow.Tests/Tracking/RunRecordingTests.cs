using System.Globalization;
using Kiln.Core;
using Kiln.TestKit;
using Kiln.Tracking;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Steps;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tests.Runs;
using Kiln.Workflow.Tracking;

namespace Kiln.Workflow.Tests.Tracking;

/// <summary>What <c>kiln run</c> records in the run store: the top-level run, its candidate and fold child runs, and how it ends.</summary>
public sealed class RunRecordingTests
{
    public RunRecordingTests() => TestLearners.Ensure();

    [Fact]
    public void Run_Tracked_TopLevelRunHasTheIdentityConfigurationDataVersionAndTags()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var store = Store(project);

        var result = Run(project, store, RunYaml.Penguins(candidates: "  - dummy: {strategy: most_frequent}\n  - dummy: {strategy: prior}"));

        var run = store.GetRun(result.Identity.RunId)!;
        Assert.Equal(result.Identity.JobName, run.JobName);
        Assert.Equal("tests", run.Namespace);
        Assert.Equal(RunEnvironment.Production, run.Environment);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Null(run.ParentId);
        Assert.Equal(7ul, run.Seed);
        Assert.Equal(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(result.DataDirectory)))), run.DataVersion);
        Assert.Equal(DataVersions.VersionOf(DataVersions.Hash(project.Path("penguins.csv")).Sha256), run.DataVersion);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", run.CodeVersion);
        Assert.Equal("test-host", run.Host);
        Assert.Equal("classification", run.Parameters["config.task"]);
        Assert.Equal("3", run.Parameters["config.validation.folds"]);
        Assert.Equal("0.15", run.Parameters["config.split.test"]);
        Assert.Equal("[dummy#1, dummy#2]", run.Parameters["config.candidates"]);
        Assert.Equal("most_frequent", run.Parameters["candidate.dummy#1.strategy"]);
        Assert.Equal("prior", run.Parameters["candidate.dummy#2.strategy"]);
        Assert.Equal("production", run.Parameters["config.environment"]);
        Assert.Equal("penguins", run.Tags[TrackingKeys.Model]);
        Assert.Equal(result.Selected, run.Tags[TrackingKeys.Selected]);
        Assert.Equal(result.JobDirectory, run.Tags[TrackingKeys.JobFolder]);
        Assert.Equal("accuracy", run.Tags[TrackingKeys.SelectionMetric]);
        Assert.Equal("true", run.Tags[TrackingKeys.CodeDirty]);
        Assert.Equal(RunRecorder.KilnVersion, run.Tags[TrackingKeys.Version]);
        Assert.False(run.Tags.ContainsKey(TrackingKeys.Error));
        Assert.Empty(result.TrackingProblems);
    }

    [Fact]
    public void Run_Tracked_TopLevelMetricsAreTheTestMetricsAndTheSelectedCvMeans()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var store = Store(project);

        var result = Run(project, store, RunYaml.Penguins(candidates: "  - test_linear"));

        var metrics = store.GetMetrics(result.Identity.RunId).ToDictionary(point => point.Key, point => point.Value);
        foreach (var metric in result.Test.Metrics.Where(metric => metric.PerClass is null && metric.Succeeded))
            Assert.Equal(metric.Value, metrics[metric.Name]);
        var selected = result.Candidates.Single(candidate => candidate.Label == result.Selected);
        Assert.Equal(selected.Metric("accuracy")!.Mean, metrics["cv.accuracy"]);
    }

    [Fact]
    public void Run_Tracked_OneChildPerCandidateAndBaselineWithTheirOptionsAndFoldScores()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var store = Store(project);

        var result = Run(project, store, RunYaml.Penguins(candidates: "  - test_linear\n  - dummy: {strategy: most_frequent}"));

        var children = store.ListRuns(new RunFilter { ParentId = result.Identity.RunId });
        Assert.Equal(["baseline dummy", "candidate test_linear", "candidate dummy"],
            children.OrderBy(child => child.Tags[TrackingKeys.Kind] == TrackingKeys.KindBaseline ? 0 : 1)
                .ThenBy(child => result.Candidates.ToList().FindIndex(candidate => candidate.Label == child.Tags[TrackingKeys.Candidate]))
                .Select(child => $"{child.Tags[TrackingKeys.Kind]} {child.Tags[TrackingKeys.Candidate]}"));
        Assert.All(children, child => Assert.Equal(RunStatus.Finished, child.Status));
        var dummy = children.Single(child => child.Tags[TrackingKeys.Kind] == TrackingKeys.KindCandidate && child.Tags[TrackingKeys.Candidate] == "dummy");
        Assert.Equal("most_frequent", dummy.Parameters["strategy"]);
        Assert.Equal(RunRecorder.ChildId(result.Identity.RunId, "candidate/dummy"), dummy.Id);
        var scores = result.Candidates.Single(candidate => candidate.Label == "dummy").Metric("accuracy")!;
        var points = store.GetMetrics(dummy.Id);
        Assert.Equal(scores.Mean, points.Single(point => point.Key == "accuracy").Value);
        Assert.Equal(scores.Std, points.Single(point => point.Key == "accuracy.std").Value);
        var folds = points.Where(point => point.Key == "accuracy.folds").ToArray();
        Assert.Equal([0L, 1L, 2L], folds.Select(point => point.Step));
        Assert.Equal(scores.Folds.Select(value => value!.Value), folds.Select(point => point.Value));

        var foldRuns = store.ListRuns(new RunFilter { ParentId = dummy.Id });
        Assert.Equal(3, foldRuns.Count);
        for (var position = 0; position < 3; position++)
        {
            var fold = foldRuns.Single(run => run.Id == RunRecorder.ChildId(dummy.Id, string.Create(CultureInfo.InvariantCulture, $"fold/{position}")));
            Assert.Equal(TrackingKeys.KindFold, fold.Tags[TrackingKeys.Kind]);
            Assert.Equal(position.ToString(CultureInfo.InvariantCulture), fold.Parameters["fold"]);
            Assert.Equal(scores.Folds[position], store.GetMetrics(fold.Id).Single(point => point.Key == "accuracy").Value);
        }
    }

    [Fact]
    public void Run_LearnerRecordsCurves_FoldRunsAndTheTopLevelRunHaveTheCurvesAsHistories()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");
        using var store = Store(project);

        var result = Run(project, store, RunYaml.Diabetes(candidates: "  - test_curves: {steps: 8, best_step: 5}"));

        var top = store.GetMetrics(result.Identity.RunId);
        var train = top.Where(point => point.Key == "curve.train_loss").ToArray();
        Assert.Equal(Enumerable.Range(1, 8).Select(step => (long)step), train.Select(point => point.Step));
        Assert.Equal(Enumerable.Range(1, 8).Select(step => 1.0 / step), train.Select(point => point.Value));
        Assert.Equal(5, top.Single(point => point.Key == TrackingKeys.BestStep).Value);
        var candidate = store.ListRuns(new RunFilter { ParentId = result.Identity.RunId }).Single(run => run.Tags[TrackingKeys.Kind] == TrackingKeys.KindCandidate);
        var folds = store.ListRuns(new RunFilter { ParentId = candidate.Id });
        Assert.Equal(4, folds.Count);
        foreach (var fold in folds)
        {
            var validation = store.GetMetrics(fold.Id).Where(point => point.Key == "curve.validation_loss").ToArray();
            Assert.Equal(Enumerable.Range(1, 8).Select(step => (long)step), validation.Select(point => point.Step));
            Assert.Equal(Enumerable.Range(1, 8).Select(step => CurveRecordingEstimator<Core.Learners.IPredictor>.ValidationLoss(step, 5)), validation.Select(point => point.Value));
        }
    }

    [Fact]
    public void Run_StepFails_RecordedFailedWithTheErrorAndNothingLeftRunning()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var store = Store(project);

        var error = Assert.Throws<KilnException>(() => Run(project, store, RunYaml.Penguins(), [.. WorkflowSteps.Default(), new FailingStep()]));

        var run = Assert.Single(store.ListRuns(new RunFilter { TopLevelOnly = true }));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.NotNull(run.Ended);
        Assert.Equal(error.Message, run.Tags[TrackingKeys.Error]);
        Assert.Equal("classification", run.Parameters["config.task"]);
        Assert.False(run.Tags.ContainsKey(TrackingKeys.JobFolder));
        Assert.Empty(store.ListRuns(new RunFilter { Status = RunStatus.Running }));
        // A failed run publishes nothing; only its finished fits stay in the fit cache for the next run.
        Assert.All(project.StoreEntries(), entry => Assert.StartsWith(".cache", entry, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_DataFileMissing_RecordedFailedWithTheConfigurationAsWritten()
    {
        using var project = new RunProject();
        using var store = Store(project);

        var error = Assert.ThrowsAny<KilnException>(() => Run(project, store, RunYaml.Penguins()));

        var run = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Null(run.DataVersion);
        Assert.Equal(error.Message, run.Tags[TrackingKeys.Error]);
        Assert.Equal("penguins", run.Parameters["config.name"]);
        Assert.False(run.Parameters.ContainsKey("config.task"));
        Assert.Equal("most_frequent", run.Parameters["candidate.dummy.strategy"]);
    }

    [Fact]
    public void Run_Cancelled_RecordedKilled()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var store = Store(project);
        using var cancellation = new CancellationTokenSource();
        IWorkflowStep[] steps = [.. WorkflowSteps.Default().Take(3), new CancellingStep(cancellation), .. WorkflowSteps.Default().Skip(3)];

        Assert.ThrowsAny<OperationCanceledException>(() => WorkflowRunner.Run(project.Config(RunYaml.Penguins()),
            Options(project, store) with { CancellationToken = cancellation.Token }, steps));

        var run = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Equal(RunStatus.Killed, run.Status);
        Assert.StartsWith("cancelled", run.Tags[TrackingKeys.Error], StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.Store));
    }

    [Fact]
    public void Run_JobNameHeldOnlyInTheRunStore_RefusedLikeATakenJobFolder()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var store = Store(project);
        store.CreateRun(new NewRun { Id = "earlier", JobName = "try-1", Namespace = "tests", Host = "elsewhere" });
        store.EndRun("earlier", RunStatus.Failed);

        var error = Assert.Throws<JobNameTakenException>(() => Run(project, store, RunYaml.Penguins("job_name: try-1")));

        Assert.Equal("try-1", error.JobName);
        Assert.StartsWith("Job name 'try-1' is already used in namespace 'tests' (by run earlier in the run store, failed, without a job folder; 'kiln runs delete earlier' frees the name)", error.Message, StringComparison.Ordinal);
        Assert.Single(store.ListRuns(RunFilter.All));
        Assert.False(Directory.Exists(project.Store));
    }

    [Fact]
    public void Run_JobNameHeldByAPublishedRun_MessageNamesItsJobFolderAsTheFolderCheckDoes()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var store = Store(project);
        var first = Run(project, store, RunYaml.Penguins("job_name: try-1"));
        Directory.Delete(first.JobDirectory, recursive: true);

        var error = Assert.Throws<JobNameTakenException>(() => Run(project, store, RunYaml.Penguins("job_name: try-1"), runIdSeed: 2));

        Assert.Equal(new JobNameTakenException("tests", "try-1", first.JobDirectory).Message, error.Message);
    }

    [Fact]
    public void Run_StoreRefusesMetrics_OutputsPublishedAndTheProblemReported()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var inner = Store(project);
        using var store = new RefusingMetricsStore(inner);

        var result = Run(project, store, RunYaml.Penguins());

        Assert.True(File.Exists(Path.Combine(result.JobDirectory, "model.kiln")));
        Assert.Contains(result.TrackingProblems, problem => problem.StartsWith("the test metrics could not be recorded: the disk is full", StringComparison.Ordinal));
        var run = inner.GetRun(result.Identity.RunId)!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Empty(inner.ListRuns(new RunFilter { Status = RunStatus.Running }));
    }

    [Fact]
    public void ChildId_SameParentAndPath_SameIdAndAValidName()
    {
        var id = RunRecorder.ChildId("0123456789abcdef0123456789abcdef", "candidate/decision_tree#2");

        Assert.Equal(id, RunRecorder.ChildId("0123456789abcdef0123456789abcdef", "candidate/decision_tree#2"));
        Assert.NotEqual(id, RunRecorder.ChildId("0123456789abcdef0123456789abcdef", "candidate/decision_tree#1"));
        Assert.Equal(32, id.Length);
        Assert.True(TrackingNames.IsValidName(id));
    }

    private static SqliteRunStore Store(RunProject project) => new(project.Path("runs"), new FixedTimeProvider(RunProject.Start));

    private static RunOptions Options(RunProject project, IRunStore store, ulong runIdSeed = 1) => project.Options(runIdSeed) with
    {
        Tracking = new RunTracking
        {
            Store = store,
            Environment = RunEnvironment.Production,
            Code = new CodeVersion("0123456789abcdef0123456789abcdef01234567", IsDirty: true),
            Host = "test-host",
        },
    };

    private static RunResult Run(RunProject project, IRunStore store, string yaml, ulong runIdSeed = 1) =>
        WorkflowRunner.Run(project.Config(yaml), Options(project, store, runIdSeed));

    private static RunResult Run(RunProject project, IRunStore store, string yaml, IReadOnlyList<IWorkflowStep> steps) =>
        WorkflowRunner.Run(project.Config(yaml), Options(project, store), steps);

    private sealed class FailingStep : IWorkflowStep
    {
        public string Name => "fail";

        public void Run(RunState state) => throw new KilnException("the store is full");
    }

    private sealed class CancellingStep(CancellationTokenSource cancellation) : IWorkflowStep
    {
        public string Name => "cancel";

        public void Run(RunState state)
        {
            cancellation.Cancel();
            state.CancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A store whose metric writes fail, as a full disk would make them.</summary>
    private sealed class RefusingMetricsStore(IRunStore inner) : IRunStore
    {
        public Run CreateRun(NewRun run) => inner.CreateRun(run);

        public void LogParameters(string runId, IReadOnlyDictionary<string, string> parameters) => inner.LogParameters(runId, parameters);

        public void LogMetrics(string runId, IReadOnlyList<MetricPoint> points) => throw new KilnException("the disk is full");

        public void SetTags(string runId, IReadOnlyDictionary<string, string> tags) => inner.SetTags(runId, tags);

        public void EndRun(string runId, RunStatus status) => inner.EndRun(runId, status);

        public Run? GetRun(string runId) => inner.GetRun(runId);

        public IReadOnlyList<MetricPoint> GetMetrics(string runId) => inner.GetMetrics(runId);

        public IReadOnlyList<Run> ListRuns(RunFilter filter) => inner.ListRuns(filter);

        public void Heartbeat(string runId) => inner.Heartbeat(runId);

        public IReadOnlyList<string> MarkStaleRunsKilled(TimeSpan silence) => inner.MarkStaleRunsKilled(silence);

        public int DeleteRun(string runId) => inner.DeleteRun(runId);

        public void Dispose()
        {
        }
    }
}
