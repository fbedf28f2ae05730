using System.Diagnostics;
using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Tests;

/// <summary><c>kiln run</c> as separate processes (the built kiln.dll): several at once on one store, and a stop signal in the middle of a run.</summary>
public sealed class RunProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void Run_FourProcessesOnOneStore_EveryRunRecordedCompletely()
    {
        using var project = new CliProject();
        project.CopyData("iris.csv");
        project.Write("kiln.yaml", """
            name: iris
            namespace: concurrent
            data: iris.csv
            target: target
            seed: 5
            validation: {folds: 3}
            candidates:
              - logistic_regression
              - dummy: {strategy: prior}
            """);

        var processes = Enumerable.Range(0, 4).Select(_ => Start(project, "run", project.Folder, "--store", project.Store, "--json")).ToArray();
        foreach (var process in processes)
            Finish(process);

        Assert.All(processes, process => Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {process.StandardError.ReadToEnd()}"));
        using var store = new SqliteRunStore(project.Store, TimeProvider.System);
        var runs = store.ListRuns(new RunFilter { TopLevelOnly = true });
        Assert.Equal(4, runs.Count);
        Assert.Equal(4, runs.Select(run => run.JobName).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(4, project.JobFolders().Length);
        foreach (var run in runs)
        {
            Assert.Equal(RunStatus.Finished, run.Status);
            Assert.Equal("logistic_regression", run.Tags[TrackingKeys.Selected]);
            Assert.True(Directory.Exists(run.Tags[TrackingKeys.JobFolder]));
            Assert.Contains(store.GetMetrics(run.Id), point => point.Key == "accuracy");
            var children = store.ListRuns(new RunFilter { ParentId = run.Id });
            Assert.Equal(3, children.Count);
            Assert.All(children, child => Assert.Equal(3, store.ListRuns(new RunFilter { ParentId = child.Id }).Count));
            Assert.All(children, child => Assert.Contains(store.GetMetrics(child.Id), point => point.Key == "accuracy.folds" && point.Step == 2));
        }
        Assert.Empty(store.ListRuns(new RunFilter { Status = RunStatus.Running }));
    }

    [Fact]
    public async Task Run_InterruptedMidFit_RecordedKilledAndNothingPublished()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml.Replace("  - logistic_regression\n", "  - gradient_boosting: {n_estimators: 5000, learning_rate: 0.001, max_depth: 8}\n", StringComparison.Ordinal));
        var process = Start(project, "run", project.Folder, "--store", project.Store);

        // Fitting 5,000 deep trees per class and fold takes seconds; it is under way once the baseline has been scored.
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null && !line.StartsWith("[5/11] baseline", StringComparison.Ordinal))
        {
        }
        Assert.NotNull(line);
        using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            signal.WaitForExit();
        var rest = process.StandardError.ReadToEndAsync();
        Finish(process);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("error: The run was stopped before it ended; nothing was published, and the run store", await rest, StringComparison.Ordinal);
        using var store = new SqliteRunStore(project.Store, TimeProvider.System);
        var run = Assert.Single(store.ListRuns(new RunFilter { TopLevelOnly = true }));
        Assert.Equal(RunStatus.Killed, run.Status);
        Assert.NotNull(run.Ended);
        Assert.Empty(store.ListRuns(new RunFilter { Status = RunStatus.Running }));
        Assert.Empty(project.JobFolders());
    }

    private static Process Start(CliProject project, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kiln.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("KILN_HOME");
        start.Environment.Remove("KILN_ENV");
        return Process.Start(start)!;
    }

    private static void Finish(Process process)
    {
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kiln did not end within {Patience.TotalSeconds} s");
        }
    }
}
