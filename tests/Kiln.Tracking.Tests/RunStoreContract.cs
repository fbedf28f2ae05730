using Kiln.Core;

namespace Kiln.Tracking.Tests;

/// <summary>
/// What every <see cref="IRunStore"/> must do. A store's test class inherits this and says how to open the store; the
/// SQLite and PostgreSQL stores both run it.
/// </summary>
public abstract class RunStoreContract : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);
    private readonly Lazy<IRunStore> _store;

    protected RunStoreContract() => _store = new Lazy<IRunStore>(() => OpenStore(_clock));

    /// <summary>Opens a new, empty store that reads time from <paramref name="clock"/>; the test disposes it.</summary>
    protected abstract IRunStore OpenStore(TimeProvider clock);

    private IRunStore Store => _store.Value;

    public virtual void Dispose()
    {
        if (_store.IsValueCreated)
            _store.Value.Dispose();
        GC.SuppressFinalize(this);
    }

    private static NewRun NewRun(string id, string jobName = "", string ns = "team-a", string? parentId = null) => new()
    {
        Id = id,
        JobName = jobName.Length == 0 ? "job-" + id : jobName,
        Namespace = ns,
        ParentId = parentId,
        Host = "build-01",
    };

    [Fact]
    public void CreateRun_EveryField_RoundTrips()
    {
        var created = Store.CreateRun(new NewRun
        {
            Id = "run-1",
            JobName = "churn_2026-03-14",
            Namespace = "marketing",
            Environment = RunEnvironment.Production,
            Seed = ulong.MaxValue,
            DataVersion = "0123456789abcdef",
            CodeVersion = "5315bb2f0c1d2e3f4a5b6c7d8e9f00112233aabb",
            Host = "worker-7",
        });
        Store.LogParameters("run-1", new Dictionary<string, string> { ["learner"] = "random_forest", ["tree_count"] = "100", ["empty"] = "" });
        Store.SetTags("run-1", new Dictionary<string, string> { ["owner"] = "ana", ["note"] = "première étape" });
        _clock.Advance(TimeSpan.FromSeconds(90.5));
        Store.EndRun("run-1", RunStatus.Finished);

        var run = Store.GetRun("run-1");

        Assert.NotNull(run);
        Assert.Equal("run-1", run.Id);
        Assert.Equal("churn_2026-03-14", run.JobName);
        Assert.Equal("marketing", run.Namespace);
        Assert.Equal(RunEnvironment.Production, run.Environment);
        Assert.Null(run.ParentId);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(Start, run.Started);
        Assert.Equal(Start.AddSeconds(90.5), run.Ended);
        Assert.Equal(ulong.MaxValue, run.Seed);
        Assert.Equal("0123456789abcdef", run.DataVersion);
        Assert.Equal("5315bb2f0c1d2e3f4a5b6c7d8e9f00112233aabb", run.CodeVersion);
        Assert.Equal("worker-7", run.Host);
        Assert.Equal(3, run.Parameters.Count);
        Assert.Equal("random_forest", run.Parameters["learner"]);
        Assert.Equal("100", run.Parameters["tree_count"]);
        Assert.Equal("", run.Parameters["empty"]);
        Assert.Equal(2, run.Tags.Count);
        Assert.Equal("première étape", run.Tags["note"]);
        Assert.Equal(Start, created.Started);
        Assert.Equal(RunStatus.Running, created.Status);
        Assert.Null(created.Ended);
    }

    [Fact]
    public void Times_RoundTripExactToTheTick()
    {
        _clock.Advance(TimeSpan.FromTicks(1_234_567));
        Store.CreateRun(NewRun("run-1"));
        _clock.Advance(TimeSpan.FromTicks(1));
        Store.Heartbeat("run-1");
        _clock.Advance(TimeSpan.FromTicks(1));
        Store.EndRun("run-1", RunStatus.Finished);

        var run = Store.GetRun("run-1")!;

        Assert.Equal(Start.AddTicks(1_234_567), run.Started);
        Assert.Equal(Start.AddTicks(1_234_568), run.LastHeartbeat);
        Assert.Equal(Start.AddTicks(1_234_569), run.Ended);
        Assert.Equal(TimeSpan.Zero, run.Started.Offset);
    }

    [Fact]
    public void CreateRun_OptionalFieldsAbsent_ReadBackAsNull()
    {
        Store.CreateRun(NewRun("run-1"));

        var run = Store.GetRun("run-1")!;

        Assert.Null(run.DataVersion);
        Assert.Null(run.CodeVersion);
        Assert.Null(run.Ended);
        Assert.Equal(RunEnvironment.Develop, run.Environment);
        Assert.Equal(0UL, run.Seed);
        Assert.Empty(run.Parameters);
        Assert.Empty(run.Tags);
    }

    [Fact]
    public void GetRun_UnknownId_ReturnsNull() => Assert.Null(Store.GetRun("missing"));

    [Fact]
    public void CreateRun_JobNameTakenInNamespace_IsRefusedNamingJobAndNamespace()
    {
        Store.CreateRun(NewRun("run-1", jobName: "nightly", ns: "team-a"));

        var error = Assert.Throws<KilnException>(() => Store.CreateRun(NewRun("run-2", jobName: "nightly", ns: "team-a")));

        Assert.Contains("'nightly'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'team-a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'run-1'", error.Message, StringComparison.Ordinal);
        Assert.Null(Store.GetRun("run-2"));
    }

    [Fact]
    public void CreateRun_SameJobNameInAnotherNamespace_IsAccepted()
    {
        Store.CreateRun(NewRun("run-1", jobName: "nightly", ns: "team-a"));
        Store.CreateRun(NewRun("run-2", jobName: "nightly", ns: "team-b"));

        Assert.Equal("team-b", Store.GetRun("run-2")!.Namespace);
    }

    [Fact]
    public void CreateRun_IdTaken_IsRefused()
    {
        Store.CreateRun(NewRun("run-1"));

        var error = Assert.Throws<KilnException>(() => Store.CreateRun(NewRun("run-1", jobName: "other")));

        Assert.Contains("'run-1'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "run id")]
    [InlineData("../etc", "run id")]
    [InlineData("a/b", "run id")]
    [InlineData("-rf", "run id")]
    [InlineData("nul\0byte", "run id")]
    public void CreateRun_InvalidId_IsRefusedNamingTheId(string id, string what)
    {
        var error = Assert.Throws<ArgumentException>(() => Store.CreateRun(NewRun(id, jobName: "job")));

        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains(TrackingNames.Display(id), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRun_InvalidJobNameOrNamespace_IsRefusedNamingWhichAndTheValue()
    {
        var badJob = Assert.Throws<ArgumentException>(() => Store.CreateRun(NewRun("run-1", jobName: "my job")));
        var badNamespace = Assert.Throws<ArgumentException>(() => Store.CreateRun(NewRun("run-1", ns: new string('n', 65))));
        var emptyNamespace = Assert.Throws<ArgumentException>(() => Store.CreateRun(NewRun("run-1", ns: "")));

        Assert.Contains("job name 'my job'", badJob.Message, StringComparison.Ordinal);
        Assert.Contains("namespace 'nnnn", badNamespace.Message, StringComparison.Ordinal);
        Assert.Contains("namespace ''", emptyNamespace.Message, StringComparison.Ordinal);
        Assert.Null(Store.GetRun("run-1"));
    }

    [Fact]
    public void CreateRun_EmptyHost_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Store.CreateRun(NewRun("run-1") with { Host = " " }));

        Assert.Contains("host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRun_ChildRuns_ListedUnderTheirParent()
    {
        Store.CreateRun(NewRun("parent"));
        Store.CreateRun(NewRun("fold-0", parentId: "parent"));
        Store.CreateRun(NewRun("fold-1", parentId: "parent"));
        Store.CreateRun(NewRun("other"));

        var children = Store.ListRuns(new RunFilter { ParentId = "parent" });
        var topLevel = Store.ListRuns(new RunFilter { TopLevelOnly = true });

        Assert.Equal(["fold-0", "fold-1"], children.Select(run => run.Id));
        Assert.All(children, child => Assert.Equal("parent", child.ParentId));
        Assert.Equal(["other", "parent"], topLevel.Select(run => run.Id));
    }

    [Fact]
    public void CreateRun_UnknownParent_IsRefusedNamingTheParent()
    {
        var error = Assert.Throws<KilnException>(() => Store.CreateRun(NewRun("child", parentId: "ghost")));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Null(Store.GetRun("child"));
    }

    [Fact]
    public void ListRuns_Filters_SelectByNamespaceStatusAndParent()
    {
        Store.CreateRun(NewRun("a1", ns: "team-a"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Store.CreateRun(NewRun("a2", ns: "team-a"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Store.CreateRun(NewRun("b1", ns: "team-b"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Store.CreateRun(NewRun("a3", ns: "team-a", parentId: "a1"));
        Store.EndRun("a2", RunStatus.Failed);
        Store.EndRun("b1", RunStatus.Failed);

        Assert.Equal(["a1", "a2", "b1", "a3"], Store.ListRuns(RunFilter.All).Select(run => run.Id));
        Assert.Equal(["a1", "a2", "a3"], Store.ListRuns(new RunFilter { Namespace = "team-a" }).Select(run => run.Id));
        Assert.Equal(["a2", "b1"], Store.ListRuns(new RunFilter { Status = RunStatus.Failed }).Select(run => run.Id));
        Assert.Equal(["a2"], Store.ListRuns(new RunFilter { Namespace = "team-a", Status = RunStatus.Failed }).Select(run => run.Id));
        Assert.Equal(["a1", "a3"], Store.ListRuns(new RunFilter { Namespace = "team-a", Status = RunStatus.Running }).Select(run => run.Id));
        Assert.Equal(["a3"], Store.ListRuns(new RunFilter { ParentId = "a1" }).Select(run => run.Id));
        Assert.Empty(Store.ListRuns(new RunFilter { Namespace = "team-c" }));
    }

    [Fact]
    public void ListRuns_ParentAndTopLevelOnly_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Store.ListRuns(new RunFilter { ParentId = "a1", TopLevelOnly = true }));

    [Fact]
    public void ListRuns_ReturnsParametersAndTags()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.LogParameters("run-1", new Dictionary<string, string> { ["alpha"] = "0.5" });
        Store.SetTags("run-1", new Dictionary<string, string> { ["stage"] = "tuning" });

        var run = Assert.Single(Store.ListRuns(RunFilter.All));

        Assert.Equal("0.5", run.Parameters["alpha"]);
        Assert.Equal("tuning", run.Tags["stage"]);
    }

    [Fact]
    public void ListRuns_SeveralRuns_EachWithItsOwnParametersAndTags()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.CreateRun(NewRun("run-2"));
        Store.CreateRun(NewRun("run-3", parentId: "run-1"));
        Store.LogParameters("run-1", new Dictionary<string, string> { ["alpha"] = "1", ["beta"] = "x" });
        Store.LogParameters("run-3", new Dictionary<string, string> { ["alpha"] = "3" });
        Store.SetTags("run-2", new Dictionary<string, string> { ["stage"] = "two" });
        Store.SetTags("run-3", new Dictionary<string, string> { ["stage"] = "three" });

        var all = Store.ListRuns(RunFilter.All).ToDictionary(run => run.Id);
        var children = Store.ListRuns(new RunFilter { ParentId = "run-1" });

        Assert.Equal(new Dictionary<string, string> { ["alpha"] = "1", ["beta"] = "x" }, all["run-1"].Parameters);
        Assert.Empty(all["run-1"].Tags);
        Assert.Empty(all["run-2"].Parameters);
        Assert.Equal("two", all["run-2"].Tags["stage"]);
        Assert.Equal("3", all["run-3"].Parameters["alpha"]);
        var child = Assert.Single(children);
        Assert.Equal("3", child.Parameters["alpha"]);
        Assert.Equal("three", child.Tags["stage"]);
        Assert.Single(child.Parameters);
    }

    [Theory]
    [InlineData(RunStatus.Finished)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Killed)]
    public void EndRun_FromRunning_SetsStatusAndEndTime(RunStatus status)
    {
        Store.CreateRun(NewRun("run-1"));
        _clock.Advance(TimeSpan.FromMinutes(3));

        Store.EndRun("run-1", status);

        var run = Store.GetRun("run-1")!;
        Assert.Equal(status, run.Status);
        Assert.Equal(Start.AddMinutes(3), run.Ended);
    }

    [Fact]
    public void EndRun_AlreadyEnded_IsRefusedAndKeepsFirstEnd()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.EndRun("run-1", RunStatus.Failed);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var error = Assert.Throws<KilnException>(() => Store.EndRun("run-1", RunStatus.Finished));

        Assert.Contains("already ended as failed", error.Message, StringComparison.Ordinal);
        var run = Store.GetRun("run-1")!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(Start, run.Ended);
    }

    [Fact]
    public void EndRun_WithRunning_IsRefused()
    {
        Store.CreateRun(NewRun("run-1"));

        Assert.Throws<ArgumentException>(() => Store.EndRun("run-1", RunStatus.Running));
    }

    [Fact]
    public void EndRun_UnknownRun_IsRefusedNamingTheRun()
    {
        var error = Assert.Throws<KilnException>(() => Store.EndRun("ghost", RunStatus.Finished));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogMetrics_StepHistories_ComeBackInKeyThenStepOrder()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.LogMetrics("run-1", [new("loss", 2, 0.25), new("accuracy", 0, 0.9), new("loss", 0, 0.75)]);
        Store.LogMetrics("run-1", [new("loss", 1, 0.5), new("loss", 10, 0.125)]);

        var metrics = Store.GetMetrics("run-1");

        MetricPoint[] expected = [new("accuracy", 0, 0.9), new("loss", 0, 0.75), new("loss", 1, 0.5), new("loss", 2, 0.25), new("loss", 10, 0.125)];
        Assert.Equal(expected, metrics);
    }

    [Fact]
    public void LogMetrics_SpecialValues_RoundTrip()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.LogMetrics("run-1", [new("a", 0, double.NaN), new("b", 0, double.PositiveInfinity), new("c", 0, -0.1), new("d", long.MaxValue, double.Epsilon), new("e", 0, double.NegativeInfinity), new("f", 0, double.MaxValue)]);

        var metrics = Store.GetMetrics("run-1");

        Assert.True(double.IsNaN(metrics[0].Value));
        Assert.Equal(double.PositiveInfinity, metrics[1].Value);
        Assert.Equal(-0.1, metrics[2].Value);
        Assert.Equal(new MetricPoint("d", long.MaxValue, double.Epsilon), metrics[3]);
        Assert.Equal(double.NegativeInfinity, metrics[4].Value);
        Assert.Equal(double.MaxValue, metrics[5].Value);
    }

    [Fact]
    public void LogMetrics_ManyPoints_AllRecorded()
    {
        Store.CreateRun(NewRun("run-1"));
        var points = Enumerable.Range(0, 20_000).Select(i => new MetricPoint("m" + (i % 4), i / 4, i * 0.5)).ToList();

        Store.LogMetrics("run-1", points);

        var metrics = Store.GetMetrics("run-1");
        Assert.Equal(20_000, metrics.Count);
        Assert.Equal(new MetricPoint("m3", 4_999, 19_999 * 0.5), metrics[^1]);
    }

    [Fact]
    public void LogMetrics_SameStepTwiceInBatch_RefusesWholeBatch()
    {
        Store.CreateRun(NewRun("run-1"));

        var error = Assert.Throws<KilnException>(() => Store.LogMetrics("run-1", [new("loss", 0, 1.0), new("loss", 1, 0.5), new("loss", 1, 0.25)]));

        Assert.Contains("'loss'", error.Message, StringComparison.Ordinal);
        Assert.Contains("step 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(Store.GetMetrics("run-1"));
    }

    [Fact]
    public void LogMetrics_StepAlreadyLogged_RefusesWholeBatch()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.LogMetrics("run-1", [new("loss", 0, 1.0)]);

        var error = Assert.Throws<KilnException>(() => Store.LogMetrics("run-1", [new("loss", 1, 0.5), new("loss", 0, 0.9)]));

        Assert.Contains("'loss'", error.Message, StringComparison.Ordinal);
        Assert.Contains("step 0", error.Message, StringComparison.Ordinal);
        Assert.Equal([new MetricPoint("loss", 0, 1.0)], Store.GetMetrics("run-1"));
    }

    [Fact]
    public void LogMetrics_BadInput_IsRefusedNamingTheProblem()
    {
        Store.CreateRun(NewRun("run-1"));

        var negative = Assert.Throws<ArgumentException>(() => Store.LogMetrics("run-1", [new("loss", -1, 1.0)]));
        var emptyKey = Assert.Throws<ArgumentException>(() => Store.LogMetrics("run-1", [new("", 0, 1.0)]));
        var unknown = Assert.Throws<KilnException>(() => Store.LogMetrics("ghost", [new("loss", 0, 1.0)]));

        Assert.Contains("step -1", negative.Message, StringComparison.Ordinal);
        Assert.Contains("metric key ''", emptyKey.Message, StringComparison.Ordinal);
        Assert.Contains("'ghost'", unknown.Message, StringComparison.Ordinal);
        Assert.Empty(Store.GetMetrics("run-1"));
    }

    [Fact]
    public void LogParameters_SameValueAgain_IsAcceptedButNewValueRefused()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.LogParameters("run-1", new Dictionary<string, string> { ["depth"] = "4" });
        Store.LogParameters("run-1", new Dictionary<string, string> { ["depth"] = "4", ["rate"] = "0.1" });

        var error = Assert.Throws<KilnException>(() => Store.LogParameters("run-1", new Dictionary<string, string> { ["depth"] = "5" }));

        Assert.Contains("'depth'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'5'", error.Message, StringComparison.Ordinal);
        var parameters = Store.GetRun("run-1")!.Parameters;
        Assert.Equal("4", parameters["depth"]);
        Assert.Equal("0.1", parameters["rate"]);
    }

    [Fact]
    public void LogParameters_BadKeyOrUnknownRun_IsRefused()
    {
        Store.CreateRun(NewRun("run-1"));

        var badKey = Assert.Throws<ArgumentException>(() => Store.LogParameters("run-1", new Dictionary<string, string> { ["line\nbreak"] = "x" }));
        var unknown = Assert.Throws<KilnException>(() => Store.LogParameters("ghost", new Dictionary<string, string> { ["a"] = "x" }));

        Assert.Contains("parameter key 'line\\u000abreak'", badKey.Message, StringComparison.Ordinal);
        Assert.Contains("'ghost'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTags_Again_TakesNewValue()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.SetTags("run-1", new Dictionary<string, string> { ["stage"] = "draft" });
        Store.SetTags("run-1", new Dictionary<string, string> { ["stage"] = "final" });

        Assert.Equal("final", Store.GetRun("run-1")!.Tags["stage"]);
    }

    [Fact]
    public void CreateRun_RecordsStartAsFirstHeartbeat()
    {
        var created = Store.CreateRun(NewRun("run-1"));

        Assert.Equal(Start, created.LastHeartbeat);
        Assert.Equal(Start, Store.GetRun("run-1")!.LastHeartbeat);
    }

    [Fact]
    public void Heartbeat_RunningRun_RecordsNow()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.CreateRun(NewRun("run-2"));
        _clock.Advance(TimeSpan.FromSeconds(12.25));

        Store.Heartbeat("run-1");

        Assert.Equal(Start.AddSeconds(12.25), Store.GetRun("run-1")!.LastHeartbeat);
        Assert.Equal(Start, Store.GetRun("run-2")!.LastHeartbeat);
        Assert.Equal(RunStatus.Running, Store.GetRun("run-1")!.Status);
    }

    [Fact]
    public void Heartbeat_Parent_CoversItsRunningChildrenOnly()
    {
        Store.CreateRun(NewRun("parent"));
        Store.CreateRun(NewRun("fold-0", parentId: "parent"));
        Store.CreateRun(NewRun("fold-1", parentId: "parent"));
        Store.CreateRun(NewRun("fold-0-inner", parentId: "fold-0"));
        Store.CreateRun(NewRun("other"));
        Store.EndRun("fold-1", RunStatus.Finished);
        _clock.Advance(TimeSpan.FromSeconds(5));

        Store.Heartbeat("parent");

        var beat = Start.AddSeconds(5);
        Assert.Equal(beat, Store.GetRun("parent")!.LastHeartbeat);
        Assert.Equal(beat, Store.GetRun("fold-0")!.LastHeartbeat);
        Assert.Equal(beat, Store.GetRun("fold-0-inner")!.LastHeartbeat);
        Assert.Equal(Start, Store.GetRun("fold-1")!.LastHeartbeat);
        Assert.Equal(Start, Store.GetRun("other")!.LastHeartbeat);
    }

    [Fact]
    public void Heartbeat_EndedRun_IsLeftAsItIs()
    {
        Store.CreateRun(NewRun("run-1"));
        Store.EndRun("run-1", RunStatus.Finished);
        _clock.Advance(TimeSpan.FromSeconds(5));

        Store.Heartbeat("run-1");

        var run = Store.GetRun("run-1")!;
        Assert.Equal(Start, run.LastHeartbeat);
        Assert.Equal(RunStatus.Finished, run.Status);
    }

    [Fact]
    public void Heartbeat_UnknownRun_IsRefusedNamingTheRun()
    {
        var error = Assert.Throws<KilnException>(() => Store.Heartbeat("ghost"));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteRun_RunWithChildrenAndGrandchildren_RemovesTheWholeTreeAndNothingElse()
    {
        Store.CreateRun(NewRun("parent"));
        Store.CreateRun(NewRun("child-a", parentId: "parent"));
        Store.CreateRun(NewRun("child-b", parentId: "parent"));
        Store.CreateRun(NewRun("grandchild", parentId: "child-a"));
        Store.CreateRun(NewRun("other"));
        Store.CreateRun(NewRun("other-child", parentId: "other"));
        foreach (var id in new[] { "parent", "grandchild", "other-child" })
        {
            Store.LogParameters(id, new Dictionary<string, string> { ["learner"] = "mlp" });
            Store.SetTags(id, new Dictionary<string, string> { ["owner"] = "ana" });
            Store.LogMetrics(id, [new MetricPoint("loss", 0, 0.5), new MetricPoint("loss", 1, 0.25)]);
        }

        var deleted = Store.DeleteRun("parent");

        Assert.Equal(4, deleted);
        foreach (var id in new[] { "parent", "child-a", "child-b", "grandchild" })
            Assert.Null(Store.GetRun(id));
        Assert.Equal(["other", "other-child"], Store.ListRuns(RunFilter.All).Select(run => run.Id));
        var kept = Store.GetRun("other-child")!;
        Assert.Equal("mlp", kept.Parameters["learner"]);
        Assert.Equal("ana", kept.Tags["owner"]);
        Assert.Equal(2, Store.GetMetrics("other-child").Count);
        // The job name is free again in its namespace.
        Store.CreateRun(NewRun("again", jobName: "job-parent"));
    }

    [Fact]
    public void DeleteRun_OneChild_KeepsItsParentAndSiblings()
    {
        Store.CreateRun(NewRun("parent"));
        Store.CreateRun(NewRun("child-a", parentId: "parent"));
        Store.CreateRun(NewRun("child-b", parentId: "parent"));

        Assert.Equal(1, Store.DeleteRun("child-a"));

        Assert.Equal(["child-b"], Store.ListRuns(new RunFilter { ParentId = "parent" }).Select(run => run.Id));
    }

    [Fact]
    public void DeleteRun_UnknownRun_IsRefusedNamingTheRun()
    {
        var error = Assert.Throws<KilnException>(() => Store.DeleteRun("ghost"));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkStaleRunsKilled_SilentRunningRuns_EndedAsKilledNow()
    {
        Store.CreateRun(NewRun("silent"));
        Store.CreateRun(NewRun("finished"));
        Store.EndRun("finished", RunStatus.Finished);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Store.CreateRun(NewRun("alive"));
        Store.CreateRun(NewRun("exactly"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Store.Heartbeat("alive");
        _clock.Advance(TimeSpan.FromSeconds(30));

        // Now = start + 90 s, silence 60 s: 'silent' (start) is stale; 'exactly' (start + 30 s) is exactly 60 s old, not older.
        var killed = Store.MarkStaleRunsKilled(TimeSpan.FromSeconds(60));

        Assert.Equal(["silent"], killed);
        var silent = Store.GetRun("silent")!;
        Assert.Equal(RunStatus.Killed, silent.Status);
        Assert.Equal(Start.AddSeconds(90), silent.Ended);
        Assert.Equal(RunStatus.Running, Store.GetRun("alive")!.Status);
        Assert.Equal(RunStatus.Running, Store.GetRun("exactly")!.Status);
        Assert.Equal(RunStatus.Finished, Store.GetRun("finished")!.Status);
        Assert.Equal(Start, Store.GetRun("finished")!.Ended);
    }

    [Fact]
    public void MarkStaleRunsKilled_CalledAgainLater_KillsOnlyTheNewlyStale()
    {
        Store.CreateRun(NewRun("b-run"));
        Store.CreateRun(NewRun("a-run"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Store.Heartbeat("a-run");
        _clock.Advance(TimeSpan.FromMinutes(1));

        var first = Store.MarkStaleRunsKilled(TimeSpan.FromSeconds(90));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = Store.MarkStaleRunsKilled(TimeSpan.FromSeconds(90));
        var third = Store.MarkStaleRunsKilled(TimeSpan.Zero);

        Assert.Equal(["b-run"], first);
        Assert.Equal(["a-run"], second);
        Assert.Empty(third);
        Assert.Equal(Start.AddMinutes(2), Store.GetRun("b-run")!.Ended);
        Assert.Equal(Start.AddMinutes(3), Store.GetRun("a-run")!.Ended);
        Assert.Equal(RunStatus.Killed, Store.GetRun("a-run")!.Status);
    }

    [Fact]
    public void MarkStaleRunsKilled_StaleParent_KillsItsRunningChildrenToo()
    {
        Store.CreateRun(NewRun("parent"));
        Store.CreateRun(NewRun("done", parentId: "parent"));
        Store.EndRun("done", RunStatus.Finished);
        _clock.Advance(TimeSpan.FromSeconds(50));
        Store.CreateRun(NewRun("late-child", parentId: "parent"));
        Store.CreateRun(NewRun("other"));
        _clock.Advance(TimeSpan.FromSeconds(20));

        // The parent's heartbeat is 70 s old; its child's, created just before the process died, only 20 s.
        var killed = Store.MarkStaleRunsKilled(TimeSpan.FromSeconds(60));

        Assert.Equal(["late-child", "parent"], killed);
        Assert.Equal(RunStatus.Killed, Store.GetRun("late-child")!.Status);
        Assert.Equal(RunStatus.Finished, Store.GetRun("done")!.Status);
        Assert.Equal(RunStatus.Running, Store.GetRun("other")!.Status);
    }

    [Fact]
    public void MarkStaleRunsKilled_NegativeSilence_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Store.MarkStaleRunsKilled(TimeSpan.FromSeconds(-1)));

        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetMetrics_UnknownRun_IsRefused() =>
        Assert.Throws<KilnException>(() => Store.GetMetrics("ghost"));
}
