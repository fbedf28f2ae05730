using System.Text.Json.Nodes;
using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void Run_Penguins_PrintsProgressOnStandardErrorAndTheSummaryOnStandardOutput()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);

        var result = project.Run();

        Assert.Equal(0, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var progress = lines.Where(line => line.StartsWith('[')).ToArray();
        Assert.StartsWith("[1/11] ingest: penguins.csv: 344 rows, 8 columns", progress[0], StringComparison.Ordinal);
        Assert.StartsWith("[11/11] report: ", progress[^1], StringComparison.Ordinal);
        Assert.Matches("^recorded as run [0-9a-f]{32} \\(develop\\) in .*store; see 'kiln runs show penguins-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}'$", lines[^1]);
        Assert.Contains("[3/11] split: 240 train, 52 validation, 52 test", result.Error, StringComparison.Ordinal);
        var summary = result.Out.Split('\n');
        Assert.Contains(summary, line => line.StartsWith("dummy (baseline)", StringComparison.Ordinal) && line.Contains(" ± ", StringComparison.Ordinal));
        Assert.Contains(summary, line => line.StartsWith("logistic_regression ", StringComparison.Ordinal) && line.TrimEnd().EndsWith("selected", StringComparison.Ordinal));
        Assert.Contains(summary, line => line.StartsWith("accuracy ", StringComparison.Ordinal));
        Assert.Contains($"output     {project.JobFolder()}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Json_PrintsTheMetricsJsonOfTheJob()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);

        var result = project.Run("--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(project.JobFolder(), "metrics.json")), result.Out);
        Assert.Equal("logistic_regression", (string?)result.Json["selected"]);
        Assert.True((double)result.Json["test"]!["accuracy"]! > 0.9);
    }

    [Fact]
    public void Run_KilnYamlPath_RunsThatFile()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        var path = project.Write("other.yaml", CliProject.PenguinsYaml.Replace("name: penguins", "name: other", StringComparison.Ordinal));

        var result = CliRun.Invoke("run", path, "--store", project.Store, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Path.DirectorySeparatorChar}output{Path.DirectorySeparatorChar}other{Path.DirectorySeparatorChar}", project.JobFolder(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_KilnHome_IsTheStoreWithoutStoreOption()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);

        var result = CliRun.Invoke(name => name == "KILN_HOME" ? project.Store : null, "run", project.Folder, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(project.Store, project.JobFolder(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Predictions_KilnEvaluateRecomputesTheTestMetrics()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        var run = project.Run("--json");

        var evaluate = CliRun.Invoke("evaluate", "--input", Path.Combine(project.JobFolder(), "predictions.csv"), "--target", "actual", "--json");

        Assert.Equal(0, evaluate.ExitCode);
        var test = run.Json["test"]!.AsObject();
        foreach (var (name, value) in test.Where(pair => pair.Value is JsonValue))
            Assert.Equal((double)value!, (double)evaluate.Json[name]!, 12);
        Assert.Equal(test["confusion_matrix"]!["matrix"]!.ToJsonString(), evaluate.Json["confusion_matrix"]!["matrix"]!.ToJsonString());
    }

    public static TheoryData<string, string?, string, string> BadInputs() => new()
    {
        // case, data file text (null: no file), kiln.yaml, expected start of the error line (kiln.yaml stands for its full path)
        { "missing data file", null, CliProject.PenguinsYaml, "error: kiln.yaml, line 3, 'data': the data file " },
        { "unknown target", Penguins, CliProject.PenguinsYaml.Replace("target: species", "target: Species", StringComparison.Ordinal),
            "error: kiln.yaml, line 4, 'target': 'Species' is not a column of penguins.csv; did you mean 'species'? Its columns are: species, island," },
        { "one class", "species,mass\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"Adelie,{3000 + i}\n")), CliProject.PenguinsYaml,
            "error: kiln.yaml, line 4, 'target': 'species' has one class, 'Adelie', in all 20 rows that have a target" },
        { "non-numeric regression target", Penguins, CliProject.PenguinsYaml.Replace("seed: 3", "seed: 3\ntask: regression", StringComparison.Ordinal).Replace("  - logistic_regression\n  - dummy: {strategy: most_frequent}", "  - dummy", StringComparison.Ordinal),
            "error: kiln.yaml, line 6, 'task': regression needs a numeric target, but 'species' is categorical" },
        { "empty file", string.Empty, CliProject.PenguinsYaml, "error: " },
        { "yaml typo", Penguins, CliProject.PenguinsYaml.Replace("target: species", "targt: species", StringComparison.Ordinal),
            "error: kiln.yaml, line 4: unknown key 'targt'; did you mean 'target'?" },
        { "unknown learner", Penguins, CliProject.PenguinsYaml.Replace("  - logistic_regression", "  - logistic_regresion", StringComparison.Ordinal),
            "error: kiln.yaml, line 8, 'candidates': unknown learner 'logistic_regresion'; did you mean 'logistic_regression'?" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Run_BadInput_OneLineErrorExitOneNothingPublishedFailedRunRecorded(string name, string? data, string yaml, string expected)
    {
        using var project = new CliProject();
        if (data is not null)
            project.Write("penguins.csv", data);
        project.Write("kiln.yaml", yaml);

        var result = project.Run();

        Assert.True(result.ExitCode == 1, $"{name}: exit code {result.ExitCode}; {result.Error}");
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('[')).ToArray();
        var error = Assert.Single(errors);
        Assert.StartsWith(expected.Replace("error: kiln.yaml,", $"error: {project.File("kiln.yaml")},", StringComparison.Ordinal), error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        // Nothing is published (no ns= or .staging folder); a run that got as far as reading its data is recorded as failed.
        Assert.Empty(Directory.Exists(project.Store) ? Directory.GetDirectories(project.Store) : []);
        if (File.Exists(Path.Combine(project.Store, SqliteRunStore.FileName)))
        {
            using var store = new SqliteRunStore(project.Store, TimeProvider.System);
            var run = Assert.Single(store.ListRuns(RunFilter.All));
            Assert.Equal(RunStatus.Failed, run.Status);
            Assert.Equal(error["error: ".Length..], run.Tags[TrackingKeys.Error]);
        }
    }

    [Fact]
    public void Run_EmptyFile_SaysTheFileIsEmpty()
    {
        using var project = new CliProject();
        project.Write("penguins.csv", string.Empty);
        project.Write("kiln.yaml", CliProject.PenguinsYaml);

        var result = project.Run();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("penguins.csv is empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoKilnYamlInTheFolder_SaysHowToWriteOne()
    {
        using var project = new CliProject();

        var result = project.Run();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the folder has no kiln.yaml; write one with 'kiln init", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_JobNameAlreadyUsed_ExitsOneAndKeepsTheFirstJob()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml.Replace("seed: 3", "seed: 3\njob_name: first-try", StringComparison.Ordinal));
        Assert.Equal(0, project.Run("--json").ExitCode);
        var job = project.JobFolder();

        var result = project.Run();

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: Job name 'first-try' is already used in namespace 'cli' (by {job}). Choose another job_name, or leave it out to have one generated.", result.Error.TrimEnd());
        Assert.Equal(job, project.JobFolder());
    }

    private static string Penguins => File.ReadAllText(Kiln.TestKit.TestData.Path("data", "penguins.csv"));
}
