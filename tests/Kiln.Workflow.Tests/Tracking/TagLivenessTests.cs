using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Workflow.Tests.Tracking;

/// <summary>Heartbeats in a tag, and ending the runs whose heartbeat stopped as killed.</summary>
public sealed class TagLivenessTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EndSilentRuns_SilentLongerThanAllowed_EndedKilledWithAReason()
    {
        using var folder = new TempFolder();
        var time = new SteppedTime(Start);
        using var store = new SqliteRunStore(folder.Path, time);
        var liveness = new TagLiveness(store, time);
        store.CreateRun(new NewRun { Id = "dead", JobName = "dead", Namespace = "n", Host = "h" });
        store.CreateRun(new NewRun { Id = "dead-child", JobName = "dead-child", Namespace = "n", Host = "h", ParentId = "dead" });
        store.CreateRun(new NewRun { Id = "alive", JobName = "alive", Namespace = "n", Host = "h" });
        store.CreateRun(new NewRun { Id = "done", JobName = "done", Namespace = "n", Host = "h" });
        store.EndRun("done", RunStatus.Finished);
        liveness.Beat("dead");
        time.Now = Start.AddMinutes(5);
        liveness.Beat("alive");
        time.Now = Start.AddMinutes(6);

        var ended = liveness.EndSilentRuns(TimeSpan.FromMinutes(2));

        Assert.Equal(["dead", "dead-child"], ended.Order(StringComparer.Ordinal));
        Assert.Equal(RunStatus.Killed, store.GetRun("dead")!.Status);
        Assert.Equal(RunStatus.Killed, store.GetRun("dead-child")!.Status);
        Assert.StartsWith("no sign of life since 2025-03-14T09:00:00.0000000+00:00", store.GetRun("dead")!.Tags[TrackingKeys.Error], StringComparison.Ordinal);
        Assert.Equal(RunStatus.Running, store.GetRun("alive")!.Status);
        Assert.Equal(RunStatus.Finished, store.GetRun("done")!.Status);
    }

    [Fact]
    public void EndSilentRuns_NeverBeatButStartedRecently_LeftRunning()
    {
        using var folder = new TempFolder();
        var time = new SteppedTime(Start);
        using var store = new SqliteRunStore(folder.Path, time);
        store.CreateRun(new NewRun { Id = "young", JobName = "young", Namespace = "n", Host = "h" });
        time.Now = Start.AddSeconds(30);

        var ended = new TagLiveness(store, time).EndSilentRuns(TimeSpan.FromMinutes(2));

        Assert.Empty(ended);
        Assert.Equal(RunStatus.Running, store.GetRun("young")!.Status);
    }

    private sealed class SteppedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
