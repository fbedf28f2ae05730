namespace Kiln.Workflow.Tests.Runs;

/// <summary>The run's report.html and report.json: written into the job folder, self-contained, with the run's own numbers.</summary>
/// <remarks>How the page renders in Chromium: ReportRenderTests.</remarks>
public sealed class ReportOutputTests
{
    [Fact]
    public void Run_Penguins_WritesASelfContainedReportWithTheRunsNumbers()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        // Without the bill measurements and the island the classes overlap, so the test curves are not trivially perfect.
        var result = project.Run(RunYaml.Penguins("ignore: [bill_length_mm, bill_depth_mm, island]", "  - logistic_regression\n  - dummy"));

        var html = File.ReadAllText(Path.Combine(result.JobDirectory, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.Split("<svg").Length > 8, "the report has fewer plots than its columns, class balance, scores and test need");
        foreach (var external in new[] { "<script src", "<link", "url(http", "src=\"http" })
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(result.Identity.JobName, html, StringComparison.Ordinal);
        var report = RunProject.Json(Path.Combine(result.JobDirectory, "report.json"));
        var metrics = RunProject.Json(Path.Combine(result.JobDirectory, "metrics.json"));
        var candidates = report["selection"]!["candidates"]!.AsArray();
        Assert.Equal(["dummy", "logistic_regression", "dummy"], candidates.Select(candidate => (string?)candidate!["name"]));
        Assert.True((bool)candidates[0]!["is_baseline"]! && (bool)candidates[1]!["is_selected"]!);
        Assert.Equal((double)metrics["candidates"]![0]!["cv"]!["accuracy"]!["mean"]!, (double)candidates[1]!["scores"]!["accuracy"]!["mean"]!);
        var classification = report["test"]!["classification"]!;
        var roc = classification["roc_curves"]!.AsArray();
        Assert.Equal(3, roc.Count);
        // The one-vs-rest curves' areas average to the macro ROC AUC the metrics (equal to scikit-learn's) computed.
        Assert.InRange((double)metrics["test"]!["roc_auc_ovr_macro"]!, 0.6, 0.99);
        Assert.Equal((double)metrics["test"]!["roc_auc_ovr_macro"]!, roc.Average(curve => (double)curve!["area"]!), 12);
        var pr = classification["precision_recall_curves"]!.AsArray();
        Assert.Equal((double)metrics["test"]!["average_precision_ovr_macro"]!, pr.Average(curve => (double)curve!["area"]!), 12);
        Assert.Equal(metrics["test"]!["confusion_matrix"]!["matrix"]!.ToJsonString(), classification["confusion_matrix"]!.ToJsonString());
        Assert.Equal(344, (int)report["run"]!["data"]!["row_count"]!);
    }

    [Fact]
    public void Run_Diabetes_ReportHasTheRegressionPredictions()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");

        var result = project.Run(RunYaml.Diabetes());

        var report = RunProject.Json(Path.Combine(result.JobDirectory, "report.json"));
        var predictions = report["test"]!["regression"]!["predictions"]!;
        Assert.Equal(result.SplitSizes.Test, predictions["actual"]!.AsArray().Count);
        Assert.Null(report["test"]!["classification"]);
    }
}
