using System.Text.Json.Nodes;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Tests;

/// <summary>A penguins project whose kiln.config.yaml gives develop and production their own stores, with one <c>kiln run --env production</c> done.</summary>
public sealed class ProductionRunProject : IDisposable
{
    private readonly CliProject _project = new();

    public ProductionRunProject()
    {
        _project.CopyData("penguins.csv");
        _project.Write("kiln.yaml", CliProject.PenguinsYaml.Replace("  - logistic_regression\n", string.Empty, StringComparison.Ordinal));
        _project.Write("kiln.config.yaml", "environments:\n  develop: {store: dev}\n  production: {store: prod}\n");
        var run = CliRun.Invoke("run", _project.Folder, "--env", "production", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Run = run.Json;
    }

    /// <summary>The project folder (holding kiln.yaml, kiln.config.yaml and penguins.csv).</summary>
    public string Folder => _project.Folder;

    /// <summary>The production store named in kiln.config.yaml.</summary>
    public string Production => _project.File("prod");

    /// <summary>The develop store named in kiln.config.yaml (the run did not make it).</summary>
    public string Develop => _project.File("dev");

    /// <summary>The production run's metrics.json.</summary>
    public JsonObject Run { get; }

    public string File(string name) => _project.File(name);

    public void Dispose() => _project.Dispose();
}

/// <summary><c>kiln models ... --env</c> and <c>kiln predict --env</c>: the registry of the environment's store, as <c>kiln run --env</c> chose it.</summary>
public sealed class ModelsEnvironmentTests(ProductionRunProject project) : IClassFixture<ProductionRunProject>
{
    [Fact]
    public void ModelsList_ModelRegisteredByAProductionRun_ListedWithEnvProductionNotByTheDevelopDefault()
    {
        var production = CliRun.InvokeIn(project.Folder, "models", "list", "--json", "--env", "production");
        var develop = CliRun.InvokeIn(project.Folder, "models", "list", "--json");

        Assert.True(production.ExitCode == 0, production.Error);
        var model = Assert.Single(JsonNode.Parse(production.Out)!.AsArray())!;
        Assert.Equal("penguins", (string?)model["name"]);
        Assert.Equal((string?)project.Run["run_id"], (string?)model["versions"]![0]!["run_id"]);
        Assert.Equal(0, develop.ExitCode);
        Assert.Equal("[]", develop.Out.TrimEnd());
        Assert.False(Directory.Exists(project.Develop));
    }

    [Fact]
    public void ModelsShow_EnvProduction_ShowsTheProductionVersion()
    {
        var shown = CliRun.InvokeIn(project.Folder, "models", "show", "penguins/1", "--json", "--env", "production");
        var develop = CliRun.InvokeIn(project.Folder, "models", "show", "penguins/1");

        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Equal((string?)project.Run["run_id"], (string?)shown.Json["run_id"]);
        Assert.StartsWith(project.Production, (string?)shown.Json["bundle"], StringComparison.Ordinal);
        Assert.Equal(1, develop.ExitCode);
        Assert.StartsWith($"error: There is no model registry in the develop store dev ", develop.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_EnvProduction_ResolvesTheProductionVersion()
    {
        var byReference = CliRun.InvokeIn(project.Folder, "predict", "--model", "penguins/1", "--env", "production", "--input", "penguins.csv", "--output", "by-reference.csv");
        var bundle = (string)CliRun.InvokeIn(project.Folder, "models", "show", "penguins/1", "--json", "--env", "production").Json["bundle"]!;
        var byPath = CliRun.InvokeIn(project.Folder, "predict", "--model", bundle, "--input", "penguins.csv", "--output", "by-path.csv");
        var develop = CliRun.InvokeIn(project.Folder, "predict", "--model", "penguins/1", "--input", "penguins.csv", "--output", "develop.csv");

        Assert.True(byReference.ExitCode == 0, byReference.Error);
        Assert.Contains($"model penguins/1 → penguins/1 ({Path.GetRelativePath(project.Folder, bundle)})", byReference.Error, StringComparison.Ordinal);
        Assert.Equal(System.IO.File.ReadAllText(project.File("by-path.csv")), System.IO.File.ReadAllText(project.File("by-reference.csv")));
        Assert.Equal(1, develop.ExitCode);
        Assert.Contains($"it needs a registry, but the develop store dev has none.", develop.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(project.File("develop.csv")));
    }

    [Fact]
    public void Models_ProductionStoreReadAsDevelop_RefusedByItsMarker()
    {
        // Run outside the project folder, so no kiln.config.yaml says whose store it is: the store's own marker does.
        using var elsewhere = new TempFolder();
        var list = CliRun.InvokeIn(elsewhere.Path, "models", "list", "--store", project.Production);
        var predict = CliRun.InvokeIn(elsewhere.Path, "predict", "--model", "penguins/1", "--store", project.Production, "--input", project.File("penguins.csv"), "--output", "out.csv");
        var production = CliRun.InvokeIn(elsewhere.Path, "models", "list", "--json", "--store", project.Production, "--env", "production");

        var refusal = $"error: The store {project.Production} belongs to the production environment ({Path.Combine(project.Production, EnvironmentMarker.FileName)}), not to develop";
        Assert.Equal(1, list.ExitCode);
        Assert.StartsWith(refusal, list.Error, StringComparison.Ordinal);
        Assert.Equal(1, predict.ExitCode);
        Assert.StartsWith(refusal, predict.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Combine(elsewhere.Path, "out.csv")));
        Assert.True(production.ExitCode == 0, production.Error);
        Assert.Single(JsonNode.Parse(production.Out)!.AsArray());
    }

    [Fact]
    public void ModelsList_ProductionStoreOfKilnConfigYamlAsDevelop_Refused()
    {
        var result = CliRun.InvokeIn(project.Folder, "models", "list", "--store", project.Production);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: The develop store (from --store) and the production store (from ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models", "register", "penguins", "--bundle", "model.kiln")]
    [InlineData("models", "list")]
    [InlineData("models", "show", "penguins")]
    [InlineData("models", "promote", "penguins/1")]
    [InlineData("models", "alias", "penguins", "champion", "1")]
    [InlineData("models", "delete", "penguins/1")]
    [InlineData("predict", "--model", "penguins/1", "--input", "penguins.csv", "--output", "out.csv")]
    public void Command_UnknownEnv_RefusedNamingTheValue(params string[] command)
    {
        var result = CliRun.InvokeIn(project.Folder, [.. command, "--env", "prodution"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --env is 'prodution', which is not an environment", result.Error, StringComparison.Ordinal);
        Assert.Contains("Use develop or production.", result.Error, StringComparison.Ordinal);
        var models = JsonNode.Parse(CliRun.InvokeIn(project.Folder, "models", "list", "--json", "--env", "production").Out)!.AsArray();
        Assert.Equal([1], Assert.Single(models)!["versions"]!.AsArray().Select(version => (int)version!["version"]!));
    }
}
