namespace Kiln.Cli.Tests;

public sealed class InitCommandTests
{
    [Fact]
    public void Init_ThenRun_WritesAKilnYamlThatRuns()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        var folder = Path.Combine(project.Folder, "penguins-project");

        var init = CliRun.Invoke("init", folder, "--data", project.File("penguins.csv"), "--target", "species");

        Assert.Equal(0, init.ExitCode);
        Assert.Contains("model 'penguins-project', target 'species', task classification", init.Out, StringComparison.Ordinal);
        var yaml = File.ReadAllText(Path.Combine(folder, "kiln.yaml"));
        Assert.Contains("data: ../penguins.csv", yaml, StringComparison.Ordinal);
        var run = CliRun.Invoke("run", folder, "--store", project.Store, "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("species", (string?)run.Json["target"]);
    }

    [Fact]
    public void Init_ExistingKilnYaml_RefusedWithoutForce()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", "name: mine\n");

        var refused = CliRun.Invoke("init", project.Folder, "--data", project.File("penguins.csv"), "--target", "species");
        var forced = CliRun.Invoke("init", project.Folder, "--data", project.File("penguins.csv"), "--target", "species", "--force");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("exists already; edit it, or replace it with 'kiln init --force'", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("target: species", File.ReadAllText(project.File("kiln.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_UnknownTarget_ListsTheColumns()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");

        var result = CliRun.Invoke("init", project.Folder, "--data", project.File("penguins.csv"), "--target", "specie");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Column 'specie' is not in penguins.csv; did you mean 'species'?", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(project.File("kiln.yaml")));
    }
}
