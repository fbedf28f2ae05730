using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

/// <summary>Which environment, store, run store and artifact root a run uses, by precedence; develop and production never share one.</summary>
public sealed class TrackingSettingsTests
{
    [Fact]
    public void Resolve_NothingGiven_DevelopInDotKiln()
    {
        using var folder = new TempFolder();

        var settings = TrackingSettings.Resolve(null, null, NoVariables, folder.Path);

        Assert.Equal(RunEnvironment.Develop, settings.Environment);
        Assert.Equal(Path.Combine(folder.Path, ".kiln"), settings.StoreRoot);
        Assert.Equal(settings.StoreRoot, settings.ArtifactRoot);
        Assert.Null(settings.Tracking);
        Assert.Null(settings.SettingsFile);
    }

    [Fact]
    public void Resolve_ProductionWithNothingElse_DotKilnProduction()
    {
        using var folder = new TempFolder();

        var settings = TrackingSettings.Resolve("production", null, NoVariables, folder.Path);

        Assert.Equal(RunEnvironment.Production, settings.Environment);
        Assert.Equal(Path.Combine(folder.Path, ".kiln-production"), settings.StoreRoot);
    }

    [Fact]
    public void Resolve_EnvironmentEverywhere_TheFlagWinsThenTheVariableThenTheFileThenKilnYaml()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "kiln.config.yaml"), "default_environment: production\n");
        var project = KilnYaml.Parse("name: m\ndata: d.csv\ntarget: y\nenvironment: develop\n", "kiln.yaml", folder.Path);

        Assert.Equal(RunEnvironment.Develop, TrackingSettings.Resolve("develop", null, Variables(("KILN_ENV", "production")), folder.Path, project).Environment);
        Assert.Equal(RunEnvironment.Develop, TrackingSettings.Resolve(null, null, Variables(("KILN_ENV", "develop")), folder.Path, project).Environment);
        var fromFile = TrackingSettings.Resolve(null, null, NoVariables, folder.Path, project);
        Assert.Equal(RunEnvironment.Production, fromFile.Environment);
        Assert.Contains("default_environment", fromFile.EnvironmentSource, StringComparison.Ordinal);
        File.Delete(Path.Combine(folder.Path, "kiln.config.yaml"));
        var production = KilnYaml.Parse("name: m\ndata: d.csv\ntarget: y\nenvironment: production\n", "kiln.yaml", folder.Path);
        Assert.Equal(RunEnvironment.Production, TrackingSettings.Resolve(null, null, NoVariables, folder.Path, production).Environment);
    }

    [Fact]
    public void Resolve_StoreEverywhere_TheFlagWinsThenKilnHomeThenTheFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "kiln.config.yaml"), "environments:\n  develop: {store: from-file}\n");

        Assert.Equal(Path.Combine(folder.Path, "flag"), TrackingSettings.Resolve(null, "flag", Variables(("KILN_HOME", "home")), folder.Path).StoreRoot);
        Assert.Equal(Path.Combine(folder.Path, "home"), TrackingSettings.Resolve(null, null, Variables(("KILN_HOME", "home")), folder.Path).StoreRoot);
        var fromFile = TrackingSettings.Resolve(null, null, NoVariables, folder.Path);
        Assert.Equal(Path.Combine(folder.Path, "from-file"), fromFile.StoreRoot);
        Assert.Equal(Path.Combine(folder.Path, "kiln.config.yaml"), fromFile.SettingsFile);
    }

    [Fact]
    public void Resolve_TrackingAndArtifacts_VariablesWinOverTheFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "kiln.config.yaml"),
            "environments:\n  production:\n    store: /srv/prod\n    tracking: Host=db;Database=prod\n    artifacts: s3://bucket/prod\n");

        var fromFile = TrackingSettings.Resolve("production", null, NoVariables, folder.Path);
        var fromVariables = TrackingSettings.Resolve("production", null, Variables(("KILN_TRACKING", "Host=other"), ("KILN_ARTIFACTS", "art")), folder.Path);

        Assert.Equal("/srv/prod", fromFile.StoreRoot);
        Assert.Equal("Host=db;Database=prod", fromFile.Tracking);
        Assert.Equal("s3://bucket/prod", fromFile.ArtifactRoot);
        Assert.Equal("Host=other", fromVariables.Tracking);
        Assert.Equal(Path.Combine(folder.Path, "art"), fromVariables.ArtifactRoot);
    }

    [Fact]
    public void Resolve_SettingsFileNextToKilnYaml_PreferredToTheCurrentFolders()
    {
        using var folder = new TempFolder();
        var projectFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "project")).FullName;
        File.WriteAllText(Path.Combine(folder.Path, "kiln.config.yaml"), "environments: {develop: {store: current}}\n");
        File.WriteAllText(Path.Combine(projectFolder, "kiln.config.yaml"), "environments: {develop: {store: beside}}\n");

        var settings = TrackingSettings.Resolve(null, null, NoVariables, folder.Path, projectDirectory: projectFolder);

        Assert.Equal(Path.Combine(projectFolder, "beside"), settings.StoreRoot);
    }

    [Fact]
    public void Resolve_BothEnvironmentsOnOneStoreInTheFile_Refused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "kiln.config.yaml"), "environments:\n  develop: {store: shared}\n  production: {store: ./shared/}\n");

        var error = Assert.Throws<KilnException>(() => TrackingSettings.Resolve(null, null, NoVariables, folder.Path));

        var file = Path.Combine(folder.Path, "kiln.config.yaml");
        Assert.StartsWith($"The develop store (from {file} (environments.develop.store)) and the production store (from {file} (environments.production.store)) ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"are both {Path.Combine(folder.Path, "shared")}; develop and production never share a store.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_StoreFlagIsTheOtherEnvironmentsStore_Refused()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<KilnException>(() => TrackingSettings.Resolve("production", ".kiln", NoVariables, folder.Path));

        Assert.StartsWith("The production store (from --store) and the develop store (from the default ./.kiln) are both ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ArtifactRootIsTheOtherEnvironmentsStore_Refused()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<KilnException>(() => TrackingSettings.Resolve("production", null, Variables(("KILN_ARTIFACTS", ".kiln")), folder.Path));

        Assert.StartsWith("The production artifact root and the develop store (from the default ./.kiln) are both ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BothEnvironmentsOnOneRunStoreConnection_Refused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "kiln.config.yaml"),
            "environments:\n  develop: {store: dev, tracking: 'Host=db'}\n  production: {store: prod, tracking: 'Host=db'}\n");

        var error = Assert.Throws<KilnException>(() => TrackingSettings.Resolve(null, null, NoVariables, folder.Path));

        Assert.StartsWith("The develop and production environments would record runs in the same run store ('Host=db')", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prodution", "--env is 'prodution', which is not an environment; did you mean 'production'? Use develop or production.")]
    [InlineData("staging", "--env is 'staging', which is not an environment. Use develop or production.")]
    [InlineData("Develop", "--env is 'Develop', which is not an environment; did you mean 'develop'? Use develop or production.")]
    public void Resolve_UnknownEnvironment_RefusedWithAHint(string value, string expected)
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<KilnException>(() => TrackingSettings.Resolve(value, null, NoVariables, folder.Path));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Resolve_UnknownEnvironmentInKilnEnv_NamesTheVariable()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<KilnException>(() => TrackingSettings.Resolve(null, null, Variables(("KILN_ENV", "staging")), folder.Path));

        Assert.StartsWith("KILN_ENV is 'staging', which is not an environment", error.Message, StringComparison.Ordinal);
    }

    private static string? NoVariables(string name) => null;

    private static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(value => value.Name == name).Value;
}
