using System.Text.Json.Nodes;

namespace Kiln.Cli.Tests;

/// <summary><c>kiln run</c> registers the model it selected as the next version of the kiln.yaml's name, unless told not to.</summary>
public sealed class RunRegistrationTests
{
    [Fact]
    public void Run_TwiceOnOneStore_RegistersVersionsOneAndTwoLinkedToTheirRuns()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);

        var first = project.Run("--json");
        var second = project.Run("--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("registered as model penguins/1", first.Error, StringComparison.Ordinal);
        Assert.Contains("registered as model penguins/2", second.Error, StringComparison.Ordinal);
        var models = JsonNode.Parse(CliRun.Invoke("models", "list", "--json", "--store", project.Store).Out)!.AsArray();
        var versions = Assert.Single(models)!["versions"]!.AsArray();
        Assert.Equal([1, 2], versions.Select(version => (int)version!["version"]!));
        Assert.Equal([(string?)first.Json["run_id"], (string?)second.Json["run_id"]], versions.Select(version => (string?)version!["run_id"]));
        var shown = CliRun.Invoke("models", "show", "penguins/2", "--json", "--store", project.Store).Json;
        Assert.Equal((double)second.Json["test"]!["accuracy"]!, (double)shown["test_metrics"]!["accuracy"]!);
    }

    [Fact]
    public void Run_NoRegister_LeavesTheRegistryEmpty()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);

        var run = project.Run("--no-register");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("registered", run.Error, StringComparison.Ordinal);
        Assert.Equal("[]", CliRun.Invoke("models", "list", "--json", "--store", project.Store).Out.TrimEnd());
    }

    [Fact]
    public void Predict_RegisteredReference_ScoresLikeTheBundleItNames()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        Assert.Equal(0, project.Run().ExitCode);

        var byReference = CliRun.Invoke("predict", "--model", "penguins/1", "--input", project.File("penguins.csv"), "--output", project.File("by-reference.csv"), "--store", project.Store);
        var byPath = CliRun.Invoke("predict", "--model", Path.Combine(project.JobFolder(), "model.kiln"), "--input", project.File("penguins.csv"), "--output", project.File("by-path.csv"));

        Assert.Equal(0, byReference.ExitCode);
        Assert.Equal(0, byPath.ExitCode);
        Assert.Equal(File.ReadAllText(project.File("by-path.csv")), File.ReadAllText(project.File("by-reference.csv")));
    }
}
