using System.Text.Json.Nodes;
using Kiln.Cli.Commands;
using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Tests;

/// <summary><c>kiln runs list|show|compare|delete</c> on a store that <c>kiln run</c> filled.</summary>
public sealed class RunsCommandTests
{
    private const string DummyOnly = "  - dummy: {strategy: most_frequent}";

    [Fact]
    public void List_Json_OneObjectPerTopLevelRunWithTheAgreedFields()
    {
        using var project = Project();
        var first = RunJson(project, "first");
        var second = RunJson(project, "second", DummyOnly);

        var result = Runs(project, "list", "--json");

        Assert.Equal(0, result.ExitCode);
        var runs = JsonNode.Parse(result.Out)!.AsArray();
        Assert.Equal(["first", "second"], runs.Select(run => (string?)run!["job_name"]));
        var run = runs[0]!.AsObject();
        Assert.Equal(["id", "job_name", "namespace", "environment", "status", "parent_id", "started", "ended", "selection_metric"], run.Select(pair => pair.Key));
        Assert.Matches("^[0-9a-f]{32}$", (string?)run["id"]);
        Assert.Equal("cli", (string?)run["namespace"]);
        Assert.Equal("develop", (string?)run["environment"]);
        Assert.Equal("finished", (string?)run["status"]);
        Assert.Null(run["parent_id"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)run["started"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)run["ended"]);
        Assert.Equal("accuracy", (string?)run["selection_metric"]!["name"]);
        Assert.Equal((double)first["test"]!["accuracy"]!, (double)run["selection_metric"]!["value"]!);
        Assert.Equal((double)second["test"]!["accuracy"]!, (double)runs[1]!["selection_metric"]!["value"]!);
    }

    [Fact]
    public void List_All_IncludesTheChildRunsWithTheirParent()
    {
        using var project = Project();
        RunJson(project, "first");

        var runs = JsonNode.Parse(Runs(project, "list", "--all", "--json").Out)!.AsArray();

        var top = Assert.Single(runs, run => run!["parent_id"] is null)!;
        // Baseline and two candidates, each with three folds.
        Assert.Equal(3, runs.Count(run => (string?)run!["parent_id"] == (string?)top["id"]));
        Assert.Equal(1 + 3 + (3 * 3), runs.Count);
    }

    [Fact]
    public void List_WhereMetricThreshold_KeepsTheRunsAboveIt()
    {
        using var project = Project();
        RunJson(project, "good");
        RunJson(project, "poor", DummyOnly);

        var above = JsonNode.Parse(Runs(project, "list", "--json", "--where", "metrics.accuracy > 0.9").Out)!.AsArray();
        var below = JsonNode.Parse(Runs(project, "list", "--json", "--where", "metrics.accuracy <= 0.9 and tags.kiln.model = 'penguins'").Out)!.AsArray();
        var byParameter = JsonNode.Parse(Runs(project, "list", "--json", "--where", "params.config.candidates = '[dummy]'").Out)!.AsArray();

        Assert.Equal(["good"], above.Select(run => (string?)run!["job_name"]));
        Assert.Equal(["poor"], below.Select(run => (string?)run!["job_name"]));
        Assert.Equal(["poor"], byParameter.Select(run => (string?)run!["job_name"]));
    }

    [Fact]
    public void List_StatusAndNamespace_Filter()
    {
        using var project = Project();
        RunJson(project, "first");

        Assert.Single(JsonNode.Parse(Runs(project, "list", "--json", "--status", "finished", "--namespace", "cli").Out)!.AsArray());
        Assert.Empty(JsonNode.Parse(Runs(project, "list", "--json", "--status", "failed").Out)!.AsArray());
        Assert.Empty(JsonNode.Parse(Runs(project, "list", "--json", "--namespace", "other").Out)!.AsArray());
    }

    [Fact]
    public void List_Table_OneLinePerRunWithItsMetric()
    {
        using var project = Project();
        RunJson(project, "first");

        var lines = Runs(project, "list").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("id ", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains(" first ", lines[1], StringComparison.Ordinal);
        Assert.Contains(" finished ", lines[1], StringComparison.Ordinal);
        Assert.Contains(" accuracy ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void List_NoStoreYet_EmptyArray()
    {
        using var project = Project();

        var result = Runs(project, "list", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[]", result.Out.Trim());
        Assert.False(Directory.Exists(project.Store));
    }

    [Theory]
    [InlineData("metrics.accuracy is 0.9", "--where, column 18: expected an operator (>, >=, <, <=, =, !=), got 'is'.")]
    [InlineData("metrics.accuracy > high", "--where, column 20: expected a number to compare metrics.accuracy with, got 'high'.")]
    [InlineData("params.seed > 3", "--where, column 13: params are text and compare with = or !=, got '>'.")]
    [InlineData("metric.accuracy > 1", "--where, column 1: expected metrics.KEY, params.KEY or tags.KEY, got 'metric.accuracy'.")]
    [InlineData("metrics.accuracy > 0.9 or metrics.f1_macro > 0.9", "--where, column 24: expected 'and' between clauses, got 'or'.")]
    [InlineData("metrics.accuracy > 0.9 and", "--where, column 27: expected a clause after 'and', got the end of the filter.")]
    [InlineData("tags.kiln.model = 'penguins", "--where, column 19: the text starting here has no closing '.")]
    public void List_BadWhere_ErrorPointsAtTheColumn(string where, string expected)
    {
        using var project = Project();

        var result = Runs(project, "list", "--where", where);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n');
        Assert.Equal($"error: {expected}", lines[0]);
        Assert.Equal($"  {where}", lines[1]);
        var column = int.Parse(expected.Split(':')[0]["--where, column ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new string(' ', column + 1) + "^", lines[2]);
    }

    [Fact]
    public void Show_ByJobName_FieldsParametersMetricsTagsAndChildren()
    {
        using var project = Project();
        RunJson(project, "first");
        var id = (string)JsonNode.Parse(Runs(project, "list", "--json").Out)!.AsArray()[0]!["id"]!;

        var result = Runs(project, "show", "first");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("job_name     first", result.Out, StringComparison.Ordinal);
        Assert.Contains("status       finished", result.Out, StringComparison.Ordinal);
        Assert.Contains("config.candidates", result.Out, StringComparison.Ordinal);
        Assert.Contains("candidate.logistic_regression.C", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"kiln\.selected\s+logistic_regression", result.Out);
        Assert.Contains("children:", result.Out, StringComparison.Ordinal);
        Assert.Contains(" candidate  logistic_regression  finished  accuracy ", result.Out, StringComparison.Ordinal);
        Assert.StartsWith($"run          {id}\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_Json_HasMetricHistoriesAndChildren()
    {
        using var project = Project();
        RunJson(project, "first");
        var top = JsonNode.Parse(Runs(project, "list", "--json").Out)!.AsArray()[0]!;

        var run = JsonNode.Parse(Runs(project, "show", (string)top["id"]!, "--json").Out)!.AsObject();

        Assert.Equal("first", (string?)run["job_name"]);
        Assert.Equal("3", (string?)run["seed"]);
        Assert.Equal("classification", (string?)run["parameters"]!["config.task"]);
        Assert.Equal((double)top["selection_metric"]!["value"]!, (double)run["metrics"]!["accuracy"]![0]!["value"]!);
        Assert.Equal(3, run["children"]!.AsArray().Count);
        var candidate = run["children"]!.AsArray().First(child => child!["selection_metric"] is not null)!;
        var candidateRun = JsonNode.Parse(Runs(project, "show", (string)candidate["id"]!, "--json").Out)!;
        Assert.Equal([0L, 1L, 2L], candidateRun["metrics"]!["accuracy.folds"]!.AsArray().Select(point => (long)point!["step"]!));
    }

    [Fact]
    public void Show_History_PrintsEveryStep()
    {
        using var project = Project();
        RunJson(project, "first");
        var candidate = JsonNode.Parse(Runs(project, "list", "--all", "--json").Out)!.AsArray()
            .First(run => run!["parent_id"] is not null && run["selection_metric"] is not null)!;

        var result = Runs(project, "show", (string)candidate["id"]!, "--history");

        Assert.Contains("metrics (every step):", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"accuracy\.folds\s+2\s+", result.Out);
    }

    [Fact]
    public void Show_UnknownRun_SaysHowToListThem()
    {
        using var project = Project();
        RunJson(project, "first");

        var result = Runs(project, "show", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: There is no run with the id or job name 'nope' in the develop store {project.Store}; 'kiln runs list --all' shows the runs.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TwoRuns_TheParametersThatDifferAndTheMetrics()
    {
        using var project = Project();
        RunJson(project, "first");
        RunJson(project, "second", DummyOnly);

        var result = Runs(project, "compare", "first", "second");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Matches(@"^\s+first\s+second$", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("  config.candidates ", StringComparison.Ordinal) && line.Contains("[logistic_regression, dummy]", StringComparison.Ordinal) && line.TrimEnd().EndsWith("[dummy]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  config.job_name ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("  config.seed ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  accuracy ", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_OneRun_Refused()
    {
        using var project = Project();

        Assert.Equal(1, Runs(project, "compare", "first").ExitCode);
    }

    [Fact]
    public void Delete_NotOnATerminalWithoutYes_RefusedAndNothingDeleted()
    {
        using var project = Project();
        RunJson(project, "first");

        var result = Runs(project, "delete", "first");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: kiln runs delete removes runs and their job folders for good; pass --yes", result.Error, StringComparison.Ordinal);
        Assert.Single(JsonNode.Parse(Runs(project, "list", "--json").Out)!.AsArray());
        Assert.True(Directory.Exists(project.JobFolder()));
    }

    [Fact]
    public void Delete_RunWhoseModelIsRegistered_RefusedUnlessForced()
    {
        using var project = Project();
        RunJson(project, "first", register: true);

        var refused = Runs(project, "delete", "first", "--yes");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("is registered as model penguins/1", refused.Error, StringComparison.Ordinal);
        Assert.Contains("'kiln models delete NAME/N'", refused.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(project.JobFolder()));

        var forced = Runs(project, "delete", "first", "--yes", "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Empty(JsonNode.Parse(Runs(project, "list", "--json", "--all").Out)!.AsArray());
    }

    [Fact]
    public void Delete_OnATerminalAnsweredYes_Deletes()
    {
        using var project = Project();
        RunJson(project, "first");

        var result = CliRun.Invoke(_ => null, context => [new RunsCommand(context, () => true, new StringReader("y\n")).Build()],
            "runs", "delete", "first", "--store", project.Store);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[y/N]", result.Error, StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(Runs(project, "list", "--json", "--all").Out)!.AsArray());
    }

    [Fact]
    public void Delete_Yes_DeletesTheRunItsChildrenAndItsJobFolderAndFreesTheJobName()
    {
        using var project = Project();
        RunJson(project, "first");
        RunJson(project, "second", DummyOnly);
        var folder = Directory.GetDirectories(Path.GetDirectoryName(project.JobFolders()[0])!).Single(path => path.EndsWith("first", StringComparison.Ordinal));

        var result = Runs(project, "delete", "first", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("and 12 child runs", result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        var left = JsonNode.Parse(Runs(project, "list", "--json", "--all").Out)!.AsArray();
        Assert.Equal(1 + 2 + (2 * 3), left.Count);
        Assert.All(left, run => Assert.NotEqual("first", (string?)run!["job_name"]));
        RunJson(project, "first");
    }

    [Fact]
    public void Delete_JobFolderTagOutsideTheStore_RunDeletedFolderLeftAloneAndNamed()
    {
        using var project = Project();
        var outside = Directory.CreateDirectory(Path.Combine(project.Folder, "precious")).FullName;
        using (var store = new SqliteRunStore(project.Store, TimeProvider.System))
        {
            store.CreateRun(new NewRun { Id = "odd", JobName = "odd", Namespace = "cli", Host = "h" });
            store.SetTags("odd", new Dictionary<string, string> { [TrackingKeys.JobFolder] = outside });
            store.EndRun("odd", RunStatus.Finished);
        }

        var result = Runs(project, "delete", "odd", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: could not delete the artifacts of run odd: {outside} is not a job folder of run odd under the artifact root {project.Store}; left alone", result.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(outside));
        Assert.Empty(JsonNode.Parse(Runs(project, "list", "--json").Out)!.AsArray());
    }

    [Fact]
    public void Delete_RunningRun_Refused()
    {
        using var project = Project();
        using (var store = new SqliteRunStore(project.Store, TimeProvider.System))
            store.CreateRun(new NewRun { Id = "busy", JobName = "busy", Namespace = "cli", Host = "h" });

        var result = Runs(project, "delete", "busy", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Run busy (busy) is still running; wait for it to end", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_StoreOfTheOtherEnvironment_Refused()
    {
        using var project = Project();
        RunJson(project, "first");

        var result = Runs(project, "list", "--env", "production");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: The store {project.Store} belongs to the develop environment", result.Error, StringComparison.Ordinal);
    }

    private static CliProject Project()
    {
        var project = new CliProject();
        project.CopyData("penguins.csv");
        return project;
    }

    /// <summary>Runs penguins with job name <paramref name="jobName"/> (and other candidates when given); returns its metrics.json.</summary>
    private static JsonObject RunJson(CliProject project, string jobName, string? candidates = null, bool register = false)
    {
        var yaml = CliProject.PenguinsYaml.Replace("seed: 3", $"seed: 3\njob_name: {jobName}", StringComparison.Ordinal);
        if (candidates is not null)
            yaml = yaml.Replace("  - logistic_regression\n  - dummy: {strategy: most_frequent}", candidates, StringComparison.Ordinal);
        project.Write("kiln.yaml", yaml);
        var result = register ? project.Run("--json") : project.Run("--json", "--no-register");
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Json;
    }

    private static CliResult Runs(CliProject project, params string[] args) =>
        CliRun.Invoke(_ => null, context => [new RunsCommand(context, () => false, new StringReader(string.Empty)).Build()], ["runs", .. args, "--store", project.Store]);
}
