using System.Diagnostics;
using Kiln.TestKit;
using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Tests;

/// <summary>
/// A <c>kiln run</c> process killed with SIGKILL in the middle of a fit: the run store ends it as killed once its heartbeat
/// has been silent long enough, and running it again resumes that fit from its last checkpoint and ends with exactly the
/// results of a run that was never interrupted.
/// </summary>
public sealed class KillResumeTests
{
    private const string MlpYaml =
        """
        name: penguins
        namespace: cli
        data: penguins.csv
        target: species
        seed: 3
        validation: {folds: 3}
        candidates:
          - mlp: {hidden_layer_sizes: '32', max_iter: 150, n_iter_no_change: 1000, batch_size: 8, checkpoint_every: 1}
        """;

    [Fact]
    public void Run_KilledDuringAFit_RerunResumesFromTheCheckpointAndMatchesAnUninterruptedRun()
    {
        using var reference = new CliProject();
        reference.CopyData("penguins.csv");
        reference.Write("kiln.yaml", MlpYaml);
        Assert.Equal(0, reference.Run("--no-cache").ExitCode);

        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", MlpYaml);
        var checkpoints = Path.Combine(project.Store, ".cache", "checkpoints");
        using (var process = CliRun.StartProcess("run", project.Folder, "--store", project.Store))
        {
            var killedAt = WaitForCheckpoint(process, checkpoints, minimumStep: 5);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.InRange(killedAt, 5, 149);
        }
        // Killed: no job was published, and the run store still says running (a SIGKILL lets nothing run) ...
        Assert.Empty(Directory.GetFiles(project.Store, "metrics.json", SearchOption.AllDirectories));
        string killed;
        using (var now = new SqliteRunStore(project.Store, TimeProvider.System))
        {
            killed = Assert.Single(now.ListRuns(new RunFilter { TopLevelOnly = true, Status = RunStatus.Running })).Id;
            Assert.Empty(TrackingStores.EndSilentRuns(now, TimeProvider.System));
        }
        // ... until its heartbeat has been silent for longer than the limit: then the next command ends it as killed and
        // removes the staging folder the dead process left.
        Assert.True(Directory.Exists(Path.Combine(project.Store, ".staging", killed)));
        using (var later = new SqliteRunStore(project.Store, new FixedTimeProvider(DateTimeOffset.UtcNow + TrackingStores.Silence + TimeSpan.FromSeconds(1))))
        {
            Commands.RunCommand.EndSilentRuns(later, TimeProvider.System, project.Store);
            Assert.Equal(RunStatus.Killed, later.GetRun(killed)!.Status);
        }
        Assert.False(Directory.Exists(Path.Combine(project.Store, ".staging", killed)));

        var rerun = project.Run();

        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("resumed from", rerun.Error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(reference.JobFolder(), "predictions.csv")), File.ReadAllText(Path.Combine(project.JobFolder(), "predictions.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(reference.JobFolder(), "steps", "candidates.json")), File.ReadAllText(Path.Combine(project.JobFolder(), "steps", "candidates.json")));
    }

    /// <summary>Waits until some fit has saved a checkpoint at <paramref name="minimumStep"/> or later, and returns its step.</summary>
    private static long WaitForCheckpoint(Process process, string folder, long minimumStep)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, "kiln run ended before a fit saved a checkpoint; the fits are too short for this test.");
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "latest.ckpt", SearchOption.AllDirectories) : [])
            {
                if (ReadStep(file) is { } step && step >= minimumStep)
                    return step;
            }
            Thread.Sleep(5);
        }
        throw new TimeoutException($"No checkpoint at step {minimumStep} or later appeared under {folder} within 60 s.");
    }

    private static long? ReadStep(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var prefix = new byte[16];
            return stream.Read(prefix) == 16 ? BitConverter.ToInt64(prefix, 8) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
