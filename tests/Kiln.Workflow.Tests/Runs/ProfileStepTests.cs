using Kiln.Core.Profiling;
using Kiln.TestKit;

namespace Kiln.Workflow.Tests.Runs;

public sealed class ProfileStepTests
{
    [Fact]
    public void Run_IdColumnKeptAsFeature_ProfileWarnsAndTheWarningReachesMetrics()
    {
        using var project = new RunProject();
        WithRowId(project);

        var result = project.Run(RunYaml.Penguins());

        Assert.Contains(result.Warnings, warning => warning.Contains("row_id", StringComparison.Ordinal));
        var profile = ProfileJson.DeserializeProfile(File.ReadAllText(Path.Combine(result.JobDirectory, "steps", "profile.json")));
        Assert.Contains(profile.Warnings, warning => warning is { Code: ProfileWarningCodes.IdLike, Column: "row_id" });
        Assert.Equal(344, profile.RowCount);
        Assert.Equal([152, 68, 124], profile.Target!.Classes!.Select(share => share.Count));
    }

    [Fact]
    public void Run_IdColumnIgnored_NotProfiledNotWarned()
    {
        using var project = new RunProject();
        WithRowId(project);

        var result = project.Run(RunYaml.Penguins("ignore: [row_id]"));

        Assert.DoesNotContain(result.Warnings, warning => warning.Contains("row_id", StringComparison.Ordinal));
        var profile = ProfileJson.DeserializeProfile(File.ReadAllText(Path.Combine(result.JobDirectory, "steps", "profile.json")));
        Assert.DoesNotContain(profile.Columns, column => column.Name == "row_id");
    }

    private static void WithRowId(RunProject project)
    {
        var lines = File.ReadAllLines(TestData.Path("data", "penguins.csv"));
        File.WriteAllLines(project.Path("penguins.csv"), lines.Select((line, index) => (index == 0 ? "row_id" : $"{1000 + index}") + "," + line));
    }
}
