using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Tests;

/// <summary>Two real bundles made once for the class: logistic regression and a most-frequent dummy, both on penguins.csv (so one data version).</summary>
public sealed class PenguinBundles : IDisposable
{
    private readonly CliProject _logistic = new();
    private readonly CliProject _dummy = new();

    public PenguinBundles()
    {
        Logistic = Make(_logistic, CliProject.PenguinsYaml.Replace("  - dummy: {strategy: most_frequent}\n", string.Empty, StringComparison.Ordinal), out var logisticRun);
        Dummy = Make(_dummy, CliProject.PenguinsYaml.Replace("  - logistic_regression\n", string.Empty, StringComparison.Ordinal), out var dummyRun);
        LogisticRun = logisticRun;
        DummyRun = dummyRun;
    }

    /// <summary>The logistic regression's model.kiln.</summary>
    public string Logistic { get; }

    /// <summary>The dummy's model.kiln.</summary>
    public string Dummy { get; }

    /// <summary>The logistic regression run's metrics.json.</summary>
    public JsonObject LogisticRun { get; }

    /// <summary>The dummy run's metrics.json.</summary>
    public JsonObject DummyRun { get; }

    /// <summary>The penguins data file.</summary>
    public string Data => _logistic.File("penguins.csv");

    public void Dispose()
    {
        _logistic.Dispose();
        _dummy.Dispose();
    }

    private static string Make(CliProject project, string yaml, out JsonObject metrics)
    {
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", yaml);
        var run = project.Run("--json");
        Assert.Equal(0, run.ExitCode);
        metrics = run.Json;
        return Path.Combine(project.JobFolder(), "model.kiln");
    }
}

public sealed class ModelsCommandTests(PenguinBundles bundles) : IClassFixture<PenguinBundles>, IDisposable
{
    private readonly TempFolder _folder = new();

    private string Store => Path.Combine(_folder.Path, "store");

    private string File(string name) => Path.Combine(_folder.Path, name);

    public void Dispose() => _folder.Dispose();

    private CliResult Kiln(params string[] args) => CliRun.Invoke([.. args, "--store", Store]);

    private static JsonArray JsonArrayOf(CliResult result) => JsonNode.Parse(result.Out)!.AsArray();

    private void Register(string bundle, params string[] extra) =>
        Assert.Equal(0, Kiln(["models", "register", "penguins", "--bundle", bundle, .. extra]).ExitCode);

    [Fact]
    public void Register_BundleOfARun_RecordsTheRunsIdDataVersionAndTestMetrics()
    {
        var result = Kiln("models", "register", "penguins", "--bundle", bundles.Logistic, "--description", "first try", "--alias", "champion", "--alias", "challenger");

        Assert.Equal(0, result.ExitCode);
        var run = bundles.LogisticRun;
        Assert.StartsWith($"registered penguins/1 (run {run["run_id"]}, data version {run["data"]!["version"]}, accuracy ", result.Out, StringComparison.Ordinal);
        Assert.Contains("penguins@champion → version 1", result.Out, StringComparison.Ordinal);
        var version = Kiln("models", "show", "penguins/1", "--json").Json;
        Assert.Equal((string?)run["run_id"], (string?)version["run_id"]);
        Assert.Equal((string?)run["data"]!["version"], (string?)version["data_version"]);
        Assert.Equal((double)run["test"]!["accuracy"]!, (double)version["test_metrics"]!["accuracy"]!);
        Assert.Equal((double)run["test"]!["log_loss"]!, (double)version["test_metrics"]!["log_loss"]!);
        Assert.Equal(bundles.Logistic, (string?)version["bundle"]);
        Assert.Equal("first try", (string?)version["description"]);
        Assert.Equal(["challenger", "champion"], version["aliases"]!.AsArray().Select(alias => (string?)alias));
        var inputs = version["signature"]!["inputs"]!.AsArray();
        Assert.Equal(["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"], inputs.Select(input => (string?)input!["name"]));
        Assert.Equal("categorical", (string?)inputs[0]!["kind"]);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], version["signature"]!["output"]!["classes"]!.AsArray().Select(label => (string?)label));
    }

    [Fact]
    public void Register_AliasHeldByAnotherVersion_MovesItToTheNewOne()
    {
        Register(bundles.Dummy, "--alias", "champion");

        var result = Kiln("models", "register", "penguins", "--bundle", bundles.Logistic, "--alias", "champion");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("penguins@champion → version 2 (was version 1)", result.Out.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(2, (int)Kiln("models", "show", "penguins@champion", "--json").Json["version"]!);
    }

    [Fact]
    public void Register_NotABundle_ExitsOneSayingItDoesNotLoad()
    {
        var fake = _folder.Write("model.kiln", "not a zip");

        var result = Kiln("models", "register", "penguins", "--bundle", fake);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The bundle {fake} cannot be registered because it does not load", result.Error, StringComparison.Ordinal);
        Assert.Equal("[]", Kiln("models", "list", "--json").Out.TrimEnd());
    }

    [Fact]
    public void Register_InvalidNameOrAlias_ExitsOneShowingIt()
    {
        var name = Kiln("models", "register", "../penguins", "--bundle", bundles.Logistic);
        var alias = Kiln("models", "register", "penguins", "--bundle", bundles.Logistic, "--alias", "42");

        Assert.Equal(1, name.ExitCode);
        Assert.Contains("model name '../penguins' is not valid", name.Error, StringComparison.Ordinal);
        Assert.Equal(1, alias.ExitCode);
        Assert.Contains("alias '42' is not valid", alias.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Combine(Store, "tracking.db")));
    }

    [Fact]
    public void List_Json_ArrayOfModelsWithVersionNumbersRunIdsAndAliases()
    {
        Register(bundles.Dummy, "--alias", "champion");
        Register(bundles.Logistic);
        Assert.Equal(0, Kiln("models", "register", "other", "--bundle", bundles.Logistic).ExitCode);

        var models = JsonArrayOf(Kiln("models", "list", "--json"));

        Assert.Equal(["other", "penguins"], models.Select(model => (string?)model!["name"]));
        var penguins = models[1]!;
        Assert.Equal(1, (int)penguins["aliases"]!["champion"]!);
        var versions = penguins["versions"]!.AsArray();
        Assert.Equal([1, 2], versions.Select(version => (int)version!["version"]!));
        Assert.Equal((string?)bundles.DummyRun["run_id"], (string?)versions[0]!["run_id"]);
        Assert.Equal((string?)bundles.LogisticRun["run_id"], (string?)versions[1]!["run_id"]);
        Assert.Equal(["champion"], versions[0]!["aliases"]!.AsArray().Select(alias => (string?)alias));
        Assert.Empty(versions[1]!["aliases"]!.AsArray());
    }

    [Fact]
    public void List_Table_OneLinePerModel()
    {
        Register(bundles.Logistic, "--alias", "champion");
        Register(bundles.Logistic);

        var lines = Kiln("models", "list").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("model     versions  latest  aliases", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("penguins  2         2       champion → 1", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void List_StoreWithoutRegistry_EmptyArrayAndNothingCreated()
    {
        var result = Kiln("models", "list", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[]", result.Out.TrimEnd());
        Assert.False(Directory.Exists(Store));
    }

    [Fact]
    public void Show_BareName_ShowsEveryVersionAndUnknownReferenceListsWhatExists()
    {
        Register(bundles.Logistic, "--alias", "champion");
        Register(bundles.Dummy);

        var model = Kiln("models", "show", "penguins", "--json").Json;
        var text = Kiln("models", "show", "penguins@champion");
        var unknown = Kiln("models", "show", "penguins@staging");

        Assert.Equal([1, 2], model["versions"]!.AsArray().Select(version => (int)version!["version"]!));
        Assert.Contains("model         penguins/1", text.Out, StringComparison.Ordinal);
        Assert.Contains("signature     7 inputs: island (categorical), bill_length_mm (numeric)", text.Out, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: Model 'penguins' has no alias 'staging' (reference 'penguins@staging'). Its aliases: champion → 1. Set one with 'kiln models alias penguins staging N'.", unknown.Error.TrimEnd());
    }

    [Fact]
    public void Promote_IfBetter_RefusesATieAndPromotesTheBetterModel()
    {
        Register(bundles.Dummy, "--alias", "champion");
        Register(bundles.Dummy);
        Register(bundles.Logistic);
        var dummy = (double)bundles.DummyRun["test"]!["accuracy"]!;
        var logistic = (double)bundles.LogisticRun["test"]!["accuracy"]!;
        Assert.True(logistic > dummy);

        var tie = Kiln("models", "promote", "penguins/2", "--if-better", "accuracy");
        var better = Kiln("models", "promote", "penguins/3", "--if-better", "accuracy");

        Assert.Equal(1, tie.ExitCode);
        Assert.Contains(FormattableString.Invariant($"not strictly better on accuracy {dummy:R} (version 2) against {dummy:R} (version 1); higher is better"), tie.Error, StringComparison.Ordinal);
        Assert.Equal(0, better.ExitCode);
        Assert.StartsWith(FormattableString.Invariant($"penguins@champion → version 3 (was version 1): better on accuracy {logistic:R} (version 3) against {dummy:R} (version 1)"), better.Out, StringComparison.Ordinal);
        Assert.Equal(3, (int)Kiln("models", "show", "penguins@champion", "--json").Json["version"]!);
    }

    [Fact]
    public void Promote_ExplicitToAnotherAlias_MovesIt()
    {
        Register(bundles.Logistic);
        Register(bundles.Dummy);

        var result = Kiln("models", "promote", "penguins/2", "--to", "challenger");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("penguins@challenger → version 2: 'challenger' was not set, so there was nothing to beat", result.Out.TrimEnd());
    }

    [Fact]
    public void Alias_SetMoveAndRemove()
    {
        Register(bundles.Logistic);
        Register(bundles.Dummy);

        var set = Kiln("models", "alias", "penguins", "staging", "1");
        var moved = Kiln("models", "alias", "penguins", "staging", "2");
        var removed = Kiln("models", "alias", "penguins", "staging", "--remove");
        var neither = Kiln("models", "alias", "penguins", "staging");
        var both = Kiln("models", "alias", "penguins", "staging", "2", "--remove");

        Assert.Equal("penguins@staging → version 1", set.Out.TrimEnd());
        Assert.Equal("penguins@staging → version 2 (was version 1)", moved.Out.TrimEnd());
        Assert.Equal("removed penguins@staging (it pointed at version 2)", removed.Out.TrimEnd());
        Assert.Equal(1, neither.ExitCode);
        Assert.Contains("needs the version", neither.Error, StringComparison.Ordinal);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("both a version and --remove", both.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_VersionHeldByAliasNeedsForce_NumbersNotReused()
    {
        Register(bundles.Logistic, "--alias", "champion");
        Register(bundles.Dummy);

        var refused = Kiln("models", "delete", "penguins/1");
        var forced = Kiln("models", "delete", "penguins/1", "--force");
        Register(bundles.Dummy);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("held by alias 'champion'", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        var versions = JsonArrayOf(Kiln("models", "list", "--json"))[0]!["versions"]!.AsArray();
        Assert.Equal([2, 3], versions.Select(version => (int)version!["version"]!));
        Assert.True(System.IO.File.Exists(bundles.Logistic));
    }

    [Fact]
    public void Delete_WholeModelAndAliasReference()
    {
        Register(bundles.Logistic);
        Register(bundles.Dummy);

        var alias = Kiln("models", "delete", "penguins@champion");
        var model = Kiln("models", "delete", "penguins");

        Assert.Equal(1, alias.ExitCode);
        Assert.Contains("not an alias", alias.Error, StringComparison.Ordinal);
        Assert.Equal("deleted model penguins and its 2 versions from the registry (bundle files are left where they are)", model.Out.TrimEnd());
        Assert.Equal("[]", Kiln("models", "list", "--json").Out.TrimEnd());
    }

    [Fact]
    public void Register_EnvProductionOnANewStore_ClaimsTheStoreForProduction()
    {
        var registered = Kiln("models", "register", "penguins", "--bundle", bundles.Dummy, "--env", "production");
        var develop = Kiln("models", "list");
        var production = Kiln("models", "list", "--json", "--env", "production");

        Assert.Equal(0, registered.ExitCode);
        Assert.Equal("production\n", System.IO.File.ReadAllText(Path.Combine(Store, EnvironmentMarker.FileName)));
        Assert.Equal(1, develop.ExitCode);
        Assert.StartsWith($"error: The store {Store} belongs to the production environment", develop.Error, StringComparison.Ordinal);
        Assert.Equal("penguins", (string?)Assert.Single(JsonArrayOf(production))!["name"]);
    }

    [Fact]
    public void Predict_RegistryReference_ScoresWithTheVersionItNames()
    {
        Register(bundles.Dummy, "--alias", "champion");
        Register(bundles.Logistic);
        var byPath = CliRun.Invoke("predict", "--model", bundles.Logistic, "--input", bundles.Data, "--output", File("by-path.csv"));

        var latest = CliRun.Invoke("predict", "--model", "penguins", "--input", bundles.Data, "--output", File("latest.csv"), "--store", Store);
        var champion = CliRun.Invoke("predict", "--model", "penguins@champion", "--input", bundles.Data, "--output", File("champion.csv"), "--store", Store);

        Assert.Equal(0, byPath.ExitCode);
        Assert.Equal(0, latest.ExitCode);
        Assert.Contains("model penguins → penguins/2", latest.Error, StringComparison.Ordinal);
        Assert.Equal(System.IO.File.ReadAllText(File("by-path.csv")), System.IO.File.ReadAllText(File("latest.csv")));
        Assert.Equal(0, champion.ExitCode);
        var predictions = CsvTable.Read(File("champion.csv"))["prediction"];
        Assert.All(Enumerable.Range(0, predictions.Length), row => Assert.Equal("Adelie", predictions.FormatValue(row)));
    }

    [Fact]
    public void Predict_UnresolvableReference_SaysWhatItTried()
    {
        var noRegistry = CliRun.Invoke("predict", "--model", "penguins@champion", "--input", bundles.Data, "--output", File("out.csv"), "--store", Store);
        Register(bundles.Logistic);
        var noVersion = CliRun.Invoke("predict", "--model", "penguins/4", "--input", bundles.Data, "--output", File("out.csv"), "--store", Store);

        Assert.Equal(1, noRegistry.ExitCode);
        Assert.Contains($"--model 'penguins@champion' is not a file ({Path.Combine(Directory.GetCurrentDirectory(), "penguins@champion")} does not exist), and as a registry reference it needs a registry, but the develop store {Store} has none.", noRegistry.Error, StringComparison.Ordinal);
        Assert.Equal(1, noVersion.ExitCode);
        Assert.Contains($"--model 'penguins/4' is not a file", noVersion.Error, StringComparison.Ordinal);
        Assert.Contains("Model 'penguins' has no version 4 (it has not been registered). Its versions: 1.", noVersion.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File("out.csv")));
    }

    [Fact]
    public void Predict_ExistingFileNamedLikeAReference_TheFileWins()
    {
        // A relative --model is read from the current folder; the test writes a file there whose name is also a valid model name.
        var name = "kiln-file-wins-" + Path.GetFileNameWithoutExtension(Path.GetRandomFileName());
        Assert.Equal(0, Kiln("models", "register", name, "--bundle", bundles.Dummy).ExitCode);
        var file = Path.Combine(Directory.GetCurrentDirectory(), name);
        System.IO.File.Copy(bundles.Logistic, file);
        try
        {
            var result = CliRun.Invoke("predict", "--model", name, "--input", bundles.Data, "--output", File("out.csv"), "--store", Store);

            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain("→", result.Error, StringComparison.Ordinal);
            Assert.Contains("Chinstrap", System.IO.File.ReadAllText(File("out.csv")), StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }
}
