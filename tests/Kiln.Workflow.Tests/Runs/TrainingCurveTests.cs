using System.Text.Json.Nodes;

namespace Kiln.Workflow.Tests.Runs;

/// <summary>
/// Training curves from the refit of the chosen candidate to curves.json, report.json and report.html: whatever the
/// learner records reaches all three; a learner that records nothing adds nothing.
/// </summary>
public sealed class TrainingCurveTests
{
    public TrainingCurveTests() => TestLearners.Ensure();

    [Fact]
    public void Run_LearnerRecordsCurves_CurvesJsonHasEveryPointAndTheBestStep()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");

        var result = project.Run(RunYaml.Diabetes(candidates: "  - test_curves: {steps: 8, best_step: 5}"));

        var curves = RunProject.Json(Path.Combine(result.JobDirectory, "curves.json"));
        var refitRows = result.SplitSizes.Train + result.SplitSizes.Validation;
        Assert.Equal("test_curves", (string?)curves["candidate"]);
        Assert.Equal(refitRows, (int)curves["rows"]!);
        Assert.Equal(5, (long)curves["best_step"]!);
        var metrics = curves["metrics"]!.AsObject();
        Assert.Equal(["fitted_rows", "train_loss", "validation_loss"], metrics.Select(metric => metric.Key));
        // The refit saw the train and validation rows, not the test rows.
        Assert.Equal(refitRows, (double)metrics["fitted_rows"]![0]!["value"]!);
        Assert.Equal(Enumerable.Range(1, 8).Select(step => 1.0 / step), Points(metrics["train_loss"]!).Select(point => point.Value));
        // Recorded from several threads, written in step order.
        Assert.Equal(Enumerable.Range(1, 8).Select(step => (step, CurveRecordingEstimator<Core.Learners.IPredictor>.ValidationLoss(step, 5))), Points(metrics["validation_loss"]!));
    }

    [Fact]
    public void Run_LearnerRecordsCurves_ReportHasTheTrainingCurveSectionWithTheMarker()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");

        var result = project.Run(RunYaml.Diabetes(candidates: "  - test_curves: {steps: 8, best_step: 5}"));

        var training = RunProject.Json(Path.Combine(result.JobDirectory, "report.json"))["model"]!["training"]!;
        Assert.Equal(5, (long)training["best_step"]!);
        Assert.Equal(["fitted_rows", "train_loss", "validation_loss"], training["curves"]!.AsArray().Select(curve => (string?)curve!["name"]));
        Assert.Equal(Enumerable.Range(1, 8), training["curves"]![1]!["steps"]!.AsArray().Select(step => (int)step!));
        Assert.Contains("In cross-validation it stopped early at step 5, 5, 5, 5 (one per fold", (string?)training["note"], StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(result.JobDirectory, "report.html"));
        Assert.Contains("<section id=\"training-curve\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Training curve: loss\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Training curve: fitted_rows\"", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split(">early stopping (step 5)</text>").Length - 1);
    }

    [Fact]
    public void Run_LearnerRecordsCurvesInFolds_FoldCurvesJsonHasEachFoldInOrder()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");

        var result = project.Run(RunYaml.Diabetes(candidates: "  - test_curves: {steps: 3, best_step: 2}\n  - dummy"));

        var folds = RunProject.Json(Path.Combine(result.JobDirectory, "steps", "fold_curves.json"));
        // Only the candidate that records curves is listed; the dummy records none.
        Assert.Equal(["test_curves"], folds.Select(entry => entry.Key));
        var entries = folds["test_curves"]!.AsArray();
        var split = RunProject.Json(Path.Combine(result.JobDirectory, "split.json"))["folds"]!.AsArray();
        var development = result.SplitSizes.Train + result.SplitSizes.Validation;
        Assert.Equal(split.Select(fold => (int)fold!["fold"]!), entries.Select(entry => (int)entry!["fold"]!));
        // Each fold's learner was fitted on the development rows outside that fold's held-out rows.
        Assert.Equal(
            split.Select(fold => (double)(development - fold!["test"]!.AsArray().Count)),
            entries.Select(entry => (double)entry!["metrics"]!["fitted_rows"]![0]!["value"]!));
        Assert.All(entries, entry => Assert.Equal(2, (long)entry!["best_step"]!));
        Assert.All(entries, entry => Assert.Equal(3, entry!["metrics"]!["validation_loss"]!.AsArray().Count));
    }

    [Fact]
    public void Run_RandomForestWithOobScore_OobCurveByNumberOfTrees()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins(candidates: "  - random_forest: {n_estimators: 6, oob_score: true}"));

        var curves = RunProject.Json(Path.Combine(result.JobDirectory, "curves.json"));
        Assert.Null(curves["best_step"]);
        var oob = Points(curves["metrics"]!["oob_score"]!);
        Assert.Equal(Enumerable.Range(1, 6), oob.Select(point => point.Step));
        Assert.All(oob, point => Assert.InRange(point.Value, 0.5, 1.0));
        var html = File.ReadAllText(Path.Combine(result.JobDirectory, "report.html"));
        Assert.Contains("aria-label=\"Training curve: oob_score\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("early stopping", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LearnerRecordsNothing_NoCurvesFileAndNoSection()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");

        var result = project.Run(RunYaml.Diabetes());

        Assert.False(File.Exists(Path.Combine(result.JobDirectory, "curves.json")));
        Assert.False(File.Exists(Path.Combine(result.JobDirectory, "steps", "fold_curves.json")));
        Assert.Null(RunProject.Json(Path.Combine(result.JobDirectory, "report.json"))["model"]!["training"]);
        Assert.DoesNotContain("training-curve", File.ReadAllText(Path.Combine(result.JobDirectory, "report.html")), StringComparison.Ordinal);
    }

    private static (int Step, double Value)[] Points(JsonNode curve) =>
        [.. curve.AsArray().Select(point => ((int)point!["step"]!, (double)point["value"]!))];
}
