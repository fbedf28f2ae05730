using System.Globalization;
using Kiln.Tracking;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Steps;
using Kiln.Workflow.Tests.Runs;
using Kiln.Workflow.Tracking;

namespace Kiln.Workflow.Tests.Tracking;

/// <summary>A running run records a sign of life on a timer of the run's clock, and stops when the run ends.</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public void Run_TimerFiresDuringTheRun_LastHeartbeatIsTheClocksTime()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var time = new ManualTimers(RunProject.Start);
        using var store = new SqliteRunStore(project.Path("runs"), time);
        var later = RunProject.Start.AddSeconds(42);
        DateTimeOffset? seen = null;
        IWorkflowStep[] steps = [.. WorkflowSteps.Default().Take(1), new ProbeStep(state =>
        {
            time.Now = later;
            time.FireAll();
            seen = store.GetRun(state.Identity.RunId)!.LastHeartbeat;
        }), .. WorkflowSteps.Default().Skip(1)];

        WorkflowRunner.Run(project.Config(RunYaml.Penguins()), project.Options() with
        {
            TimeProvider = time,
            Tracking = new RunTracking { Store = store, HeartbeatInterval = TimeSpan.FromSeconds(5) },
        }, steps);

        Assert.Equal(later, seen);
        var timer = Assert.Single(time.Timers);
        Assert.Equal(TimeSpan.FromSeconds(5), timer.Period);
        Assert.True(timer.IsDisposed, "the heartbeat stops when the run ends");
    }

    private sealed class ProbeStep(Action<RunState> probe) : IWorkflowStep
    {
        public string Name => "probe";

        public void Run(RunState state) => probe(state);
    }

    /// <summary>A clock whose timers fire only when the test says so.</summary>
    private sealed class ManualTimers(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public List<ManualTimer> Timers { get; } = [];

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(() => callback(state), period);
            Timers.Add(timer);
            return timer;
        }

        public void FireAll()
        {
            foreach (var timer in Timers.Where(timer => !timer.IsDisposed))
                timer.Fire();
        }
    }

    private sealed class ManualTimer(Action fire, TimeSpan period) : ITimer
    {
        public TimeSpan Period { get; } = period;

        public bool IsDisposed { get; private set; }

        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period) => !IsDisposed;

        public void Dispose() => IsDisposed = true;

        public ValueTask DisposeAsync()
        {
            IsDisposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
