using System.Text.Json.Nodes;
using Kiln.Workflow.Caching;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Tests.Runs;

/// <summary>
/// The fit cache: a re-run on the same data and configuration repeats no fit, a change repeats exactly the fits it affects,
/// a run interrupted midway keeps its finished fits, and an interrupted fit with checkpoints resumes to the same result as
/// an uninterrupted one.
/// </summary>
public sealed class FitCacheTests
{
    private const string TwoCandidates = """
          - decision_tree: {max_depth: 3}
          - logistic_regression: {C: 0.5}
        """;

    private const string Mlp = "  - mlp: {hidden_layer_sizes: '8', max_iter: 30, n_iter_no_change: 1000, checkpoint_every: 1, batch_size: 32}";

    [Fact]
    public void Run_SameConfigurationTwice_SecondRunReusesEveryFitWithTheSameResults()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var first = project.Run(RunYaml.Penguins(candidates: TwoCandidates));
        var second = project.Run(RunYaml.Penguins(candidates: TwoCandidates), runIdSeed: 2);

        // 3 folds × 2 candidates, then the refit of the chosen one.
        Assert.Equal(Enumerable.Repeat("stored", 7), Outcomes(first));
        Assert.Equal(Enumerable.Repeat("reused", 7), Outcomes(second));
        Assert.Equal(Keys(first), Keys(second));
        Assert.Equal(File.ReadAllText(Path.Combine(first.JobDirectory, "steps", "candidates.json")), File.ReadAllText(Path.Combine(second.JobDirectory, "steps", "candidates.json")));
        Assert.Equal(TestMetrics(first), TestMetrics(second));
        Assert.Equal(File.ReadAllText(Path.Combine(first.JobDirectory, "predictions.csv")), File.ReadAllText(Path.Combine(second.JobDirectory, "predictions.csv")));
    }

    [Fact]
    public void Run_OneCandidatesOptionChanged_OnlyThatCandidateIsFittedAgain()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        project.Run(RunYaml.Penguins(candidates: TwoCandidates));

        var changed = project.Run(RunYaml.Penguins(candidates: TwoCandidates.Replace("C: 0.5", "C: 0.25", StringComparison.Ordinal)), runIdSeed: 2);

        var folds = Events(changed).Where(entry => (string?)entry["kind"] == "fold").ToArray();
        Assert.All(folds.Where(entry => (string?)entry["candidate"] == "decision_tree"), entry => Assert.Equal("reused", (string?)entry["outcome"]));
        Assert.All(folds.Where(entry => (string?)entry["candidate"] == "logistic_regression"), entry => Assert.Equal("stored", (string?)entry["outcome"]));
        Assert.Equal(6, folds.Length);
    }

    [Fact]
    public void Run_DataChanged_NothingIsReused()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        project.Run(RunYaml.Penguins(candidates: TwoCandidates));
        File.AppendAllText(project.Path("penguins.csv"), "Gentoo,Biscoe,50,15,220,5000,male,2009\n");

        var rerun = project.Run(RunYaml.Penguins(candidates: TwoCandidates), runIdSeed: 2);

        Assert.Equal(Enumerable.Repeat("stored", 7), Outcomes(rerun));
    }

    [Fact]
    public void Run_WithoutCache_WritesNoCacheAndNoCacheLog()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = WorkflowRunner.Run(project.Config(RunYaml.Penguins(candidates: TwoCandidates)), project.Options() with { UseCache = false });

        Assert.False(Directory.Exists(Path.Combine(project.Store, FitCache.FolderName)));
        Assert.False(File.Exists(Path.Combine(result.JobDirectory, "steps", "cache.json")));
    }

    [Fact]
    public void Run_CancelledAfterTheFirstCandidate_RerunReusesItsFoldsAndFitsTheRest()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var cancellation = new CancellationTokenSource();
        var options = project.Options() with
        {
            CancellationToken = cancellation.Token,
            Progress = new CancelOn(line => line.Message.StartsWith("decision_tree:", StringComparison.Ordinal), cancellation),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => WorkflowRunner.Run(project.Config(RunYaml.Penguins(candidates: TwoCandidates)), options));
        var rerun = project.Run(RunYaml.Penguins(candidates: TwoCandidates), runIdSeed: 2);

        var folds = Events(rerun).Where(entry => (string?)entry["kind"] == "fold").ToArray();
        Assert.Equal(["reused", "reused", "reused"], folds.Where(entry => (string?)entry["candidate"] == "decision_tree").Select(entry => (string?)entry["outcome"]));
        Assert.Equal(["stored", "stored", "stored"], folds.Where(entry => (string?)entry["candidate"] == "logistic_regression").Select(entry => (string?)entry["outcome"]));
    }

    [Fact]
    public void Run_InterruptedDuringAFitWithCheckpoints_ResumesToTheResultOfAnUninterruptedRun()
    {
        using var uninterrupted = new RunProject();
        uninterrupted.CopyData("penguins.csv");
        var reference = WorkflowRunner.Run(uninterrupted.Config(RunYaml.Penguins(candidates: Mlp)), uninterrupted.Options(parallelism: 1));

        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var cancellation = new CancellationTokenSource();
        var checkpoints = Path.Combine(project.Store, FitCache.FolderName, "checkpoints");
        // The first fold's fit is interrupted right after it saved its checkpoint of epoch 10.
        var options = project.Options(parallelism: 1) with
        {
            CancellationToken = cancellation.Token,
            CheckpointSaved = step =>
            {
                if (step == 10)
                    cancellation.Cancel();
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => WorkflowRunner.Run(project.Config(RunYaml.Penguins(candidates: Mlp)), options));
        Assert.Single(Directory.EnumerateFiles(checkpoints, FileCheckpointStore.FileName, SearchOption.AllDirectories));

        var resumed = WorkflowRunner.Run(project.Config(RunYaml.Penguins(candidates: Mlp)), project.Options(runIdSeed: 2, parallelism: 1));

        var first = Events(resumed)[0];
        Assert.Equal("stored", (string?)first["outcome"]);
        Assert.Equal(10, (long)first["resumed_from_step"]!);
        Assert.Single(Events(resumed), entry => entry["resumed_from_step"] is not null);
        Assert.Equal(File.ReadAllText(Path.Combine(reference.JobDirectory, "steps", "candidates.json")), File.ReadAllText(Path.Combine(resumed.JobDirectory, "steps", "candidates.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(reference.JobDirectory, "predictions.csv")), File.ReadAllText(Path.Combine(resumed.JobDirectory, "predictions.csv")));
        // The refit's last checkpoint is kept in the job's checkpoints folder, and none is left in the cache.
        Assert.True(File.Exists(Path.Combine(resumed.JobDirectory, "checkpoints", "refit", FileCheckpointStore.FileName)));
        Assert.Empty(Directory.EnumerateFiles(checkpoints, "*", SearchOption.AllDirectories));
    }

    private static JsonNode[] Events(RunResult result) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(result.JobDirectory, "steps", "cache.json")))!.AsArray().Select(entry => entry!)];

    private static string?[] Outcomes(RunResult result) => [.. Events(result).Select(entry => (string?)entry["outcome"])];

    private static string?[] Keys(RunResult result) => [.. Events(result).Select(entry => (string?)entry["key"])];

    private static string TestMetrics(RunResult result) => RunProject.Json(Path.Combine(result.JobDirectory, "metrics.json"))["test"]!.ToJsonString();

    private sealed class CancelOn(Func<StepProgress, bool> condition, CancellationTokenSource cancellation) : IProgress<StepProgress>
    {
        public void Report(StepProgress value)
        {
            if (condition(value))
                cancellation.Cancel();
        }
    }
}
