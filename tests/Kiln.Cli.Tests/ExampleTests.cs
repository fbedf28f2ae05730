using System.Text.Json.Nodes;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>
/// The bundled examples run as a user runs them, and do as well as scikit-learn's default linear and tree models on the
/// same data (tests/reference/examples_scikit_learn.json, from the shared 5-fold cross-validation results).
/// </summary>
public sealed class ExampleTests
{
    [Fact]
    public void Run_PenguinsExample_TestAccuracyNoWorseThanScikitLearnsBestMinusTwoPoints()
    {
        using var store = new TempFolder();
        var reference = Reference()["penguins"]!;
        var best = Math.Max((double)reference["LogisticRegression"]!["accuracy_mean"]!, (double)reference["DecisionTreeClassifier"]!["accuracy_mean"]!);

        var result = CliRun.Invoke("run", Example("penguins"), "--store", store.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["dummy", "logistic_regression", "decision_tree"], result.Json["candidates"]!.AsArray().Select(candidate => (string?)candidate!["name"]));
        var accuracy = (double)result.Json["test"]!["accuracy"]!;
        Assert.True(accuracy >= best - 0.02, $"test accuracy {accuracy} is below scikit-learn's best {best} minus 0.02");
    }

    [Fact]
    public void Run_DiabetesExample_TestR2WithinScikitLearnsCrossValidatedRange()
    {
        using var store = new TempFolder();
        var ridge = Reference()["diabetes"]!["Ridge"]!;
        var lowest = (double)ridge["r2_mean"]! - 2 * (double)ridge["r2_std"]!;

        var result = CliRun.Invoke("run", Example("diabetes"), "--store", store.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("regression", (string?)result.Json["task"]);
        Assert.Equal(["linear_regression", "ridge", "decision_tree"], result.Json["candidates"]!.AsArray().Select(candidate => (string?)candidate!["name"]));
        var r2 = (double)result.Json["test"]!["r2"]!;
        Assert.True(r2 >= lowest, $"test R² {r2} is below scikit-learn's cross-validated Ridge R² minus two standard deviations ({lowest})");
    }

    [Fact]
    public void Run_BreastCancerExample_BoostedLearnerAsGoodAsScikitLearnsEnsemblesAndItsCurveShowsTheStop()
    {
        using var store = new TempFolder();
        var reference = Reference()["breast_cancer"]!;
        var best = new[] { "RandomForestClassifier", "HistGradientBoostingClassifier", "XGBClassifier" }.Max(model => (double)reference[model]!["roc_auc_mean"]!);

        var result = CliRun.Invoke("run", Example("breast_cancer"), "--store", store.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["random_forest", "gradient_boosting", "lightgbm", "mlp"], result.Json["candidates"]!.AsArray().Select(candidate => (string?)candidate!["name"]));
        var selected = (string?)result.Json["selected"];
        var cv = result.Json["candidates"]!.AsArray().Single(candidate => (string?)candidate!["name"] == selected)!["cv"]!["roc_auc"]!;
        var meanAuc = (double)cv["mean"]!;
        Assert.True(meanAuc >= best - 0.01, $"{selected}'s cross-validated ROC AUC {meanAuc} is more than 0.01 below scikit-learn's best ensemble ({best})");
        var curves = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(store.Path, "curves.json", SearchOption.AllDirectories).Single()))!.AsObject();
        Assert.Equal(selected, (string?)curves["candidate"]);
        var metrics = curves["metrics"]!.AsObject();
        var validation = metrics.Single(metric => metric.Key.StartsWith("validation_", StringComparison.Ordinal)).Value!.AsArray();
        var bestStep = (long)curves["best_step"]!;
        Assert.InRange(bestStep, 1, validation.Count - 1);
        var lowest = validation.MinBy(point => (double)point!["value"]!)!;
        Assert.Equal(bestStep, (long)lowest["step"]!);
    }

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    private static JsonObject Reference() => JsonNode.Parse(File.ReadAllText(TestData.Path("reference", "examples_scikit_learn.json")))!.AsObject();
}
