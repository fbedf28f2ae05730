using Kiln.Core;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Steps;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Runs;

/// <summary>Bad input ends the run with one line that says what and where, and leaves the store as it was.</summary>
public sealed class WorkflowRunnerErrorTests
{
    [Fact]
    public void Run_MissingDataFile_NamesTheKiln_yamlLine()
    {
        using var project = new RunProject();

        var error = Assert.Throws<KilnConfigException>(() => project.Run(RunYaml.Penguins()));

        Assert.StartsWith("kiln.yaml, line 3, 'data': the data file ", error.Message, StringComparison.Ordinal);
        Assert.Contains("penguins.csv does not exist", error.Message, StringComparison.Ordinal);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_UnknownTarget_ListsTheColumns()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var error = Assert.Throws<KilnConfigException>(() => project.Run(RunYaml.Penguins().Replace("target: species", "target: specis", StringComparison.Ordinal)));

        Assert.Equal(
            "kiln.yaml, line 4, 'target': 'specis' is not a column of penguins.csv; did you mean 'species'? " +
            "Its columns are: species, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex, year.",
            error.Message);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_TargetWithOneClass_Refused()
    {
        using var project = new RunProject();
        project.Write("penguins.csv", "species,mass\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"Adelie,{3000 + i}\n")) + ",3500\n");

        var error = Assert.Throws<KilnConfigException>(() => project.Run(RunYaml.Penguins()));

        Assert.Equal(
            "kiln.yaml, line 4, 'target': 'species' has one class, 'Adelie', in all 12 rows that have a target; classification needs at least two classes. Check the column, or choose another target.",
            error.Message);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_RegressionOnTextTarget_Refused()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var error = Assert.Throws<KilnConfigException>(() => project.Run(RunYaml.Penguins("task: regression").Replace("  - dummy: {strategy: most_frequent}", "  - dummy", StringComparison.Ordinal)));

        Assert.StartsWith("kiln.yaml, line 7, 'task': regression needs a numeric target, but 'species' is categorical (values such as 'Adelie', 'Gentoo', 'Chinstrap').", error.Message, StringComparison.Ordinal);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_EmptyFile_Refused()
    {
        using var project = new RunProject();
        project.Write("penguins.csv", string.Empty);

        var error = Assert.Throws<Core.Data.DataFormatException>(() => project.Run(RunYaml.Penguins()));

        Assert.Contains("penguins.csv is empty", error.Message, StringComparison.Ordinal);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_HeaderOnly_Refused()
    {
        using var project = new RunProject();
        project.Write("penguins.csv", "species,island,bill_length_mm\n");

        var error = Assert.Throws<KilnException>(() => project.Run(RunYaml.Penguins()));

        Assert.EndsWith("penguins.csv has column names but no rows; a run needs data rows to learn from.", error.Message, StringComparison.Ordinal);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_TargetAlwaysMissing_Refused()
    {
        using var project = new RunProject();
        project.Write("penguins.csv", "species,mass\n,1\n,2\n");

        var error = Assert.Throws<KilnConfigException>(() => project.Run(RunYaml.Penguins()));

        Assert.Contains("'species' is missing in all 2 rows of penguins.csv", error.Message, StringComparison.Ordinal);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_UnknownIgnoredColumn_ListsTheColumns()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var error = Assert.Throws<KilnConfigException>(() => project.Run(RunYaml.Penguins("ignore: [yaer]")));

        Assert.StartsWith("kiln.yaml, line 7, 'ignore': 'yaer' is not a column of penguins.csv; did you mean 'year'?", error.Message, StringComparison.Ordinal);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_TooFewRowsForTheSplit_NamesTheSplit()
    {
        using var project = new RunProject();
        project.Write("penguins.csv", "species,mass\nA,1\nA,2\nB,3\nB,4\n");

        var error = Assert.Throws<KilnConfigException>(() => project.Run(RunYaml.Penguins()));

        Assert.StartsWith("kiln.yaml, 'split': ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(4 rows have a target.)", error.Message, StringComparison.Ordinal);
        AssertOneLineAndNothingStored(project, error);
    }

    [Fact]
    public void Run_JobNameAlreadyUsed_RefusedAndFirstJobKept()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var yaml = RunYaml.Penguins("job_name: penguins-try-1");
        var first = project.Run(yaml);
        var before = project.StoreEntries();

        var error = Assert.Throws<JobNameTakenException>(() => project.Run(yaml, runIdSeed: 2));

        Assert.StartsWith("Job name 'penguins-try-1' is already used in namespace 'tests'", error.Message, StringComparison.Ordinal);
        Assert.Equal("penguins-try-1", first.Identity.JobName);
        Assert.Equal(before, project.StoreEntries());
    }

    [Fact]
    public void Run_StepFailsAfterEveryOutputIsWritten_LeavesNothingButTheFitCache()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var error = Assert.Throws<KilnException>(() => project.Run(RunYaml.Penguins(), [.. WorkflowSteps.Default(), new FailingStep()]));

        Assert.Equal("the store is full", error.Message);
        // No job, no data version, no staging folder: only the finished fits, kept so that a re-run does not repeat them.
        var entries = project.StoreEntries();
        Assert.NotEmpty(entries);
        Assert.All(entries, entry => Assert.StartsWith(".cache", entry, StringComparison.Ordinal));
        Assert.Contains(entries, entry => entry.EndsWith("entry.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_FailureInAnExistingStore_LeavesItAsItWas()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        project.Run(RunYaml.Penguins());
        var before = project.StoreEntries();
        File.WriteAllText(project.Path("penguins.csv"), File.ReadAllText(project.Path("penguins.csv")) + "Gentoo,Biscoe,50,15,220,5000,male,2009\n");

        Assert.Throws<KilnException>(() => project.Run(RunYaml.Penguins(), [.. WorkflowSteps.Default(), new FailingStep()], runIdSeed: 2));

        // Everything outside the fit cache is as it was; the cache gained the new data's fits.
        Assert.Equal(before.Where(entry => !entry.StartsWith(".cache", StringComparison.Ordinal)), project.StoreEntries().Where(entry => !entry.StartsWith(".cache", StringComparison.Ordinal)));
        Assert.True(project.StoreEntries().Length > before.Length);
    }

    [Fact]
    public void Run_Cancelled_LeavesNothingInTheStore()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => WorkflowRunner.Run(project.Config(RunYaml.Penguins()), project.Options() with { CancellationToken = cancellation.Token }));

        Assert.False(Directory.Exists(project.Store));
    }

    private static void AssertOneLineAndNothingStored(RunProject project, Exception error)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(project.Store), $"the store holds: {string.Join(", ", project.StoreEntries())}");
    }

    private sealed class FailingStep : IWorkflowStep
    {
        public string Name => "fail";

        public void Run(RunState state)
        {
            Assert.True(File.Exists(state.StagedFile("metrics.json")));
            throw new KilnException("the store is full");
        }
    }
}
