using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Tests;

/// <summary><c>kiln run --env</c>, kiln.config.yaml and the environment variables: each environment records into its own store.</summary>
public sealed class RunEnvironmentTests
{
    [Fact]
    public void Run_ProductionFromKilnConfigYaml_RecordedInTheProductionStore()
    {
        using var project = Project();
        project.Write("kiln.config.yaml", "default_environment: production\nenvironments:\n  develop: {store: dev}\n  production: {store: prod}\n");

        var result = CliRun.Invoke("run", project.Folder, "--json");

        Assert.Equal(0, result.ExitCode);
        var production = Path.Combine(project.Folder, "prod");
        Assert.Contains($"(production) in {production}", result.Error, StringComparison.Ordinal);
        Assert.Equal("production\n", File.ReadAllText(Path.Combine(production, EnvironmentMarker.FileName)));
        using var store = new SqliteRunStore(production, TimeProvider.System);
        var run = Assert.Single(store.ListRuns(new RunFilter { TopLevelOnly = true }));
        Assert.Equal(RunEnvironment.Production, run.Environment);
        Assert.StartsWith(production, run.Tags[TrackingKeys.JobFolder], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Folder, "dev")));
    }

    [Fact]
    public void Run_EnvFlag_BeatsKilnEnvAndKilnYaml()
    {
        using var project = Project("environment: production\n");
        var develop = Path.Combine(project.Folder, "dev");

        var result = CliRun.Invoke(name => name == "KILN_ENV" ? "production" : null, "run", project.Folder, "--env", "develop", "--store", develop);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("develop\n", File.ReadAllText(Path.Combine(develop, EnvironmentMarker.FileName)));
    }

    [Fact]
    public void Run_ProductionOnADevelopStore_RefusedBeforeAnythingRuns()
    {
        using var project = Project();
        Assert.Equal(0, project.Run("--json").ExitCode);

        var result = project.Run("--env", "production");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: The store {project.Store} belongs to the develop environment", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("[1/11]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_KilnHomeIsTheDevelopStoreOfKilnConfigYaml_RefusedForProduction()
    {
        using var project = Project();
        project.Write("kiln.config.yaml", "environments:\n  develop: {store: shared}\n");

        var result = CliRun.Invoke(name => name == "KILN_HOME" ? Path.Combine(project.Folder, "shared") : null, "run", project.Folder, "--env", "production");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: The production store (from KILN_HOME) and the develop store (from ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadKilnConfigYaml_NamesLineColumnAndKey()
    {
        using var project = Project();
        project.Write("kiln.config.yaml", "environments:\n  develop: {stor: x}\n");

        var result = project.Run();

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {Path.Combine(project.Folder, "kiln.config.yaml")}, line 2, column 13, 'environments.develop.stor': unknown key 'stor'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PostgresConnectionBeforeThisBuildSupportsIt_RefusedWithWhatToDo()
    {
        using var project = Project();

        var result = CliRun.Invoke(name => name == "KILN_TRACKING" ? "postgresql://localhost/kiln" : null, "run", project.Folder, "--store", project.Store);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: The run store connection 'postgresql://localhost/kiln' (from KILN_TRACKING or kiln.config.yaml) is not supported by this build", result.Error, StringComparison.Ordinal);
    }

    private static CliProject Project(string extra = "")
    {
        var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml.Replace("  - logistic_regression\n", string.Empty, StringComparison.Ordinal) + "\n" + extra);
        return project;
    }
}
