using System.Text.Json.Nodes;
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
    public void Run_PostgresTrackingConnection_RecordsTheRunAndRegistersTheModelThere()
    {
        using var project = Project();
        using var database = Kiln.Tracking.Tests.PostgresServer.CreateDatabase();
        string? Variables(string name) => name == "KILN_TRACKING" ? database.Url : null;

        var run = CliRun.Invoke(Variables, "run", project.Folder, "--store", project.Store, "--json");
        var runs = CliRun.Invoke(Variables, "runs", "list", "--json", "--store", project.Store);
        var models = CliRun.Invoke(Variables, "models", "list", "--json", "--store", project.Store);

        Assert.Equal(0, run.ExitCode);
        var listed = Assert.Single(JsonNode.Parse(runs.Out)!.AsArray())!;
        Assert.Equal((string?)run.Json["run_id"], (string?)listed["id"]);
        Assert.Equal("finished", (string?)listed["status"]);
        var model = Assert.Single(JsonNode.Parse(models.Out)!.AsArray())!;
        Assert.Equal((string?)run.Json["run_id"], (string?)model["versions"]![0]!["run_id"]);
        // Runs and registry live in PostgreSQL: no SQLite file was made under the store root.
        Assert.False(File.Exists(Path.Combine(project.Store, "tracking.db")));
        Assert.Equal(1, Kiln.Tracking.Tests.PostgresDatabase.Scalar(database.ConnectionString, "SELECT count(*) FROM runs WHERE parent_id IS NULL;"));
    }

    [Fact]
    public void Run_PostgresServerNotReachable_FailsNamingTheStoreWithoutThePassword()
    {
        using var project = Project();

        var result = CliRun.Invoke(name => name == "KILN_TRACKING" ? "postgresql://kiln:s3cret-word@127.0.0.1:1/kiln" : null, "run", project.Folder, "--store", project.Store);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("postgresql://kiln@127.0.0.1:1/kiln", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-word", result.Error + result.Out, StringComparison.Ordinal);
    }

    private static CliProject Project(string extra = "")
    {
        var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml.Replace("  - logistic_regression\n", string.Empty, StringComparison.Ordinal) + "\n" + extra);
        return project;
    }
}
