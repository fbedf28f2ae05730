using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.TestKit;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Runs;

public sealed class WorkflowRunnerTests
{
    [Fact]
    public void Run_Penguins_PublishesOutputsAtTheLayoutPaths()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins());

        var day = "year=2025/month=03/day=14";
        Assert.Equal(Path.Combine(project.Store, "ns=tests", "output", "penguins", day, result.Identity.JobName), result.JobDirectory);
        foreach (var file in new[] { "model.kiln", "metrics.json", "kiln.yaml", "split.json", "predictions.csv", "steps/ingest.json", "steps/candidates.json" })
            Assert.True(File.Exists(Path.Combine(result.JobDirectory, file)), $"{file} is missing");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(project.Path("penguins.csv"))));
        var dataVersion = Path.Combine(project.Store, "ns=tests", "input", "data", "penguins", sha256[..16], day);
        Assert.Equal(dataVersion, result.DataDirectory);
        Assert.Equal(File.ReadAllBytes(project.Path("penguins.csv")), File.ReadAllBytes(Path.Combine(dataVersion, "data.csv")));
        Assert.False(Directory.Exists(Path.Combine(project.Store, StoreLayout.StagingFolder)));
    }

    [Fact]
    public void Run_Penguins_MetricsJsonHasTheDocumentedKeys()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins(candidates: "  - dummy: {strategy: most_frequent}\n  - dummy"));

        var metrics = RunProject.Json(Path.Combine(result.JobDirectory, "metrics.json"));
        Assert.Equal(result.Identity.JobName, (string?)metrics["job_name"]);
        Assert.Equal(result.Identity.RunId, (string?)metrics["run_id"]);
        Assert.Equal("classification", (string?)metrics["task"]);
        Assert.Equal("accuracy", (string?)metrics["metric"]);
        var data = metrics["data"]!.AsObject();
        Assert.Equal(project.Path("penguins.csv"), (string?)data["path"]);
        Assert.Equal(344, (int)data["rows"]!);
        Assert.Equal(8, (int)data["columns"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(project.Path("penguins.csv")))), (string?)data["content_hash"]);
        Assert.Equal(0, (int)data["rows_missing_target"]!);
        Assert.Equal(3, metrics["baseline"]!["cv"]!["accuracy"]!["folds"]!.AsArray().Count);
        var candidates = metrics["candidates"]!.AsArray();
        Assert.Equal(["dummy#1", "dummy#2"], candidates.Select(candidate => (string?)candidate!["name"]));
        Assert.Equal("most_frequent", (string?)candidates[0]!["options"]!["strategy"]);
        foreach (var candidate in candidates)
        {
            var accuracy = candidate!["cv"]!["accuracy"]!.AsObject();
            Assert.True(accuracy.ContainsKey("mean") && accuracy.ContainsKey("std") && accuracy.ContainsKey("folds"));
            Assert.NotNull(candidate["cv"]!["log_loss"]);
        }
        Assert.Equal("dummy#1", (string?)metrics["selected"]);
        var test = metrics["test"]!.AsObject();
        foreach (var name in new[] { "accuracy", "balanced_accuracy", "f1_macro", "roc_auc_ovr_macro", "log_loss", "confusion_matrix" })
            Assert.True(test.ContainsKey(name), $"test has no {name}");
    }

    [Fact]
    public void Run_Penguins_TestMetricsAreThePredictionsOfTheSealedTestRows()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins());

        var split = RunProject.Json(Path.Combine(result.JobDirectory, "split.json"));
        var test = split["test"]!.AsArray().Select(row => (int)row!).ToArray();
        var train = split["train"]!.AsArray().Select(row => (int)row!).ToArray();
        var validation = split["validation"]!.AsArray().Select(row => (int)row!).ToArray();
        Assert.Equal(344, test.Length + train.Length + validation.Length);
        Assert.Equal(344, test.Concat(train).Concat(validation).Distinct().Count());
        var predictions = CsvTable.Read(Path.Combine(result.JobDirectory, "predictions.csv"));
        Assert.Equal(test, predictions.Numeric("row").Values.ToArray().Select(row => (int)row));
        var file = CsvTable.Read(project.Path("penguins.csv"));
        var actual = predictions["actual"];
        var predicted = predictions["prediction"];
        for (var i = 0; i < test.Length; i++)
            Assert.Equal(file["species"].FormatValue(test[i]), actual.FormatValue(i));
        var correct = Enumerable.Range(0, predictions.RowCount).Count(i => actual.FormatValue(i) == predicted.FormatValue(i));
        var metrics = RunProject.Json(Path.Combine(result.JobDirectory, "metrics.json"));
        Assert.Equal((double)correct / test.Length, (double)metrics["test"]!["accuracy"]!, 12);
    }

    [Fact]
    public void Run_Penguins_ModelBundleHoldsThePipelineWithLineage()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins());

        var bundle = ModelBundle.LoadBundle(Path.Combine(result.JobDirectory, "model.kiln"));
        var model = Assert.IsType<PipelineModel>(bundle.Model);
        Assert.Equal(["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"], model.InputSchema.Names);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], model.Classes);
        var lineage = bundle.Manifest.Lineage;
        Assert.Equal(result.Identity.JobName, lineage["job_name"]);
        Assert.Equal(result.Identity.RunId, lineage["run_id"]);
        Assert.Equal("tests", lineage["namespace"]);
        Assert.Equal("7", lineage["seed"]);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(project.Path("penguins.csv"))));
        Assert.Equal(sha256[..16], lineage["data_version"]);
        Assert.Equal(sha256, lineage["data_sha256"]);
        Assert.Equal(64, lineage["config_sha256"].Length);
        var metrics = RunProject.Json(Path.Combine(result.JobDirectory, "metrics.json"));
        Assert.Equal((double)metrics["test"]!["accuracy"]!, bundle.Manifest.Metrics["accuracy"]);
    }

    [Fact]
    public void Run_SameSeedTwice_GivesIdenticalMetricsApartFromIdentity()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var yaml = RunYaml.Penguins(candidates: "  - dummy\n  - dummy: {strategy: stratified}");

        var first = project.Run(yaml, runIdSeed: 1, parallelism: 1);
        var second = project.Run(yaml, runIdSeed: 2, parallelism: 3);

        Assert.NotEqual(first.Identity.JobName, second.Identity.JobName);
        Assert.Equal(WithoutIdentity(first.MetricsJson), WithoutIdentity(second.MetricsJson));
        Assert.Equal(
            File.ReadAllText(Path.Combine(first.JobDirectory, "predictions.csv")),
            File.ReadAllText(Path.Combine(second.JobDirectory, "predictions.csv")));
        Assert.Equal(first.DataDirectory, second.DataDirectory);
    }

    [Fact]
    public void Run_OtherSeed_GivesOtherSplit()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var first = project.Run(RunYaml.Penguins(), runIdSeed: 1);
        var second = project.Run(RunYaml.Penguins().Replace("seed: 7", "seed: 8", StringComparison.Ordinal), runIdSeed: 2);

        Assert.NotEqual(
            File.ReadAllText(Path.Combine(first.JobDirectory, "split.json")),
            File.ReadAllText(Path.Combine(second.JobDirectory, "split.json")));
    }

    [Fact]
    public void Run_RowsWithoutTarget_AreCountedAndLeftOut()
    {
        using var project = new RunProject();
        var lines = File.ReadAllLines(TestData.Path("data", "penguins.csv"));
        int[] blanked = [3, 100, 200, 343];
        foreach (var row in blanked)
            lines[row + 1] = "," + lines[row + 1][(lines[row + 1].IndexOf(',', StringComparison.Ordinal) + 1)..];
        File.WriteAllLines(project.Path("penguins.csv"), lines);

        var result = project.Run(RunYaml.Penguins());

        Assert.Equal(4, result.RowsMissingTarget);
        var metrics = RunProject.Json(Path.Combine(result.JobDirectory, "metrics.json"));
        Assert.Equal(4, (int)metrics["data"]!["rows_missing_target"]!);
        Assert.Equal(340, (int)metrics["data"]!["rows_used"]!);
        var split = RunProject.Json(Path.Combine(result.JobDirectory, "split.json"));
        var used = new[] { "train", "validation", "test" }.SelectMany(part => split[part]!.AsArray().Select(row => (int)row!)).ToArray();
        Assert.Equal(340, used.Length);
        Assert.Empty(used.Intersect(blanked));
        Assert.Contains(metrics["warnings"]!.AsArray(), warning => ((string?)warning)!.StartsWith("4 of 344 rows have no 'species'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_InfiniteRegressionTarget_CountedAsMissing()
    {
        using var project = new RunProject();
        var lines = File.ReadAllLines(TestData.Path("data", "diabetes.csv"));
        lines[5] = lines[5][..lines[5].LastIndexOf(',')] + ",inf";
        lines[9] = lines[9][..lines[9].LastIndexOf(',')] + ",";
        File.WriteAllLines(project.Path("diabetes.csv"), lines);

        var result = project.Run(RunYaml.Diabetes());

        Assert.Equal(2, result.RowsMissingTarget);
        var ingest = RunProject.Json(Path.Combine(result.JobDirectory, "steps", "ingest.json"));
        Assert.Equal([4, 8], ingest["missing_target_rows"]!.AsArray().Select(row => (int)row!));
    }

    [Fact]
    public void Run_RepeatedFolds_ScoreEveryFoldOfEveryRepeat()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins().Replace("validation: {folds: 3}", "validation: {folds: 3, repeats: 2}", StringComparison.Ordinal));

        Assert.Equal(6, result.Baseline.Metric("accuracy")!.Folds.Count);
        var split = RunProject.Json(Path.Combine(result.JobDirectory, "split.json"));
        var folds = split["folds"]!.AsArray();
        Assert.Equal([0, 0, 0, 1, 1, 1], folds.Select(fold => (int)fold!["repeat"]!));
        var firstRepeat = folds.Take(3).SelectMany(fold => fold!["test"]!.AsArray().Select(row => (int)row!)).Order();
        var secondRepeat = folds.Skip(3).SelectMany(fold => fold!["test"]!.AsArray().Select(row => (int)row!)).Order();
        Assert.Equal(firstRepeat, secondRepeat);
        Assert.NotEqual(folds[0]!["test"]!.ToJsonString(), folds[3]!["test"]!.ToJsonString());
    }

    [Fact]
    public void Run_Holdout_ScoresOnTheValidationRowsOnce()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins().Replace("validation: {folds: 3}", "validation: holdout", StringComparison.Ordinal));

        var folds = result.Baseline.Metric("accuracy")!.Folds;
        Assert.Single(folds);
        var split = RunProject.Json(Path.Combine(result.JobDirectory, "split.json"));
        Assert.Equal(split["validation"]!.AsArray().Count, split["folds"]![0]!["test"]!.AsArray().Count);
    }

    [Fact]
    public void Run_Diabetes_InfersRegressionAndScoresEveryRegressionMetric()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");

        var result = project.Run(RunYaml.Diabetes());

        Assert.Equal(Core.Learners.LearnerTask.Regression, result.Config.Task);
        Assert.Equal("rmse", result.Config.Metric);
        Assert.Equal(["mse", "rmse", "mae", "r2", "explained_variance", "mape", "median_absolute_error", "max_error"], result.Baseline.Metrics.Select(metric => metric.Name));
        var written = File.ReadAllText(Path.Combine(result.JobDirectory, "kiln.yaml"));
        Assert.Contains("task: regression", written, StringComparison.Ordinal);
        Assert.Contains("The task was inferred", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Progress_ReportsElevenStepsInOrder()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var lines = new List<StepProgress>();

        WorkflowRunner.Run(project.Config(RunYaml.Penguins()), project.Options() with { Progress = new Collect(lines) });

        Assert.Equal(["ingest", "profile", "split", "prepare", "baseline", "train", "select", "refit", "test", "save", "report"], lines.Select(line => line.Step).Distinct());
        Assert.All(lines, line => Assert.Equal(11, line.Count));
        Assert.Contains(lines, line => line.ToString().StartsWith("[3/11] split: 240 train, 52 validation, 52 test", StringComparison.Ordinal));
    }

    private static string WithoutIdentity(string metricsJson)
    {
        var json = JsonNode.Parse(metricsJson)!.AsObject();
        json.Remove("job_name");
        json.Remove("run_id");
        json.Remove("started_at");
        return json.ToJsonString();
    }

    private sealed class Collect(List<StepProgress> lines) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => lines.Add(value);
    }
}
