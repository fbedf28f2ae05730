using System.Globalization;
using Kiln.Core;
using Kiln.Tracking;

namespace Kiln.Workflow.Tracking;

/// <summary>Liveness kept in the <see cref="TrackingKeys.Heartbeat"/> tag (ISO 8601, UTC), with <see cref="IRunStore"/>'s present methods.</summary>
/// <remarks>
/// A running run's last sign of life is its own heartbeat tag, else its parent's (child runs are recorded in one go and never
/// beat), else its start. Ending a silent run races with the run ending itself: whichever ends it first wins, and the loser's
/// "already ended" refusal is expected here.
/// </remarks>
internal sealed class TagLiveness(IRunStore store, TimeProvider time) : IRunLiveness
{
    public void Beat(string runId) =>
        store.SetTags(runId, new Dictionary<string, string>(StringComparer.Ordinal) { [TrackingKeys.Heartbeat] = Stamp(time.GetUtcNow()) });

    public IReadOnlyList<string> EndSilentRuns(TimeSpan silence)
    {
        var running = store.ListRuns(new RunFilter { Status = RunStatus.Running });
        var byId = running.ToDictionary(run => run.Id, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var ended = new List<string>();
        foreach (var run in running)
        {
            var last = LastSign(run, byId);
            if (now - last <= silence)
                continue;
            try
            {
                store.EndRun(run.Id, RunStatus.Killed);
            }
            catch (KilnException)
            {
                continue;
            }
            store.SetTags(run.Id, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [TrackingKeys.Error] = $"no sign of life since {Stamp(last)}; the process was probably killed (ended by a later kiln command).",
            });
            ended.Add(run.Id);
        }
        return ended;
    }

    private static DateTimeOffset LastSign(Run run, Dictionary<string, Run> running)
    {
        if (Parse(run) is { } own)
            return own;
        if (run.ParentId is { } parent && running.TryGetValue(parent, out var parentRun) && Parse(parentRun) is { } parentBeat)
            return parentBeat;
        return run.Started;
    }

    private static DateTimeOffset? Parse(Run run) =>
        run.Tags.TryGetValue(TrackingKeys.Heartbeat, out var text)
        && DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var beat)
            ? beat
            : null;

    private static string Stamp(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
