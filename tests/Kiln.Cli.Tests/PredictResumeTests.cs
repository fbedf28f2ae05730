using System.Diagnostics;
using System.Globalization;
using Kiln.Core.Data;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln predict</c> as a streaming, resumable job: the model as the first argument (a registry reference), and a
/// <c>kiln predict</c> process killed with SIGKILL mid-job that a second run resumes to the bytes of an uninterrupted run.
/// </summary>
public sealed class PredictResumeTests
{
    [Fact]
    public void Predict_RegisteredModelAsFirstArgument_ScoresLikeTheModelFile()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        Assert.Equal(0, project.Run("--json").ExitCode);

        var byReference = CliRun.Invoke("predict", "penguins/1", "--input", project.File("penguins.csv"), "--output", project.File("by-reference.csv"), "--store", project.Store, "--chunk-rows", "50");
        var byFile = CliRun.Invoke("predict", "--model", Path.Combine(project.JobFolder(), "model.kiln"), "--input", project.File("penguins.csv"), "--output", project.File("by-file.csv"));

        Assert.Equal(0, byReference.ExitCode);
        Assert.Equal(0, byFile.ExitCode);
        Assert.Equal(File.ReadAllBytes(project.File("by-file.csv")), File.ReadAllBytes(project.File("by-reference.csv")));
    }

    [Fact]
    public void Predict_TwoDifferentModels_OneLineError()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");

        var result = CliRun.Invoke("predict", "a.kiln", "--model", "b.kiln", "--input", project.File("penguins.csv"), "--output", project.File("scored.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: kiln predict was given two models, 'a.kiln' as the argument and 'b.kiln' with --model; give one.", result.Error.TrimEnd());
    }

    [Fact]
    public void Predict_NoModel_OneLineError()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");

        var result = CliRun.Invoke("predict", "--input", project.File("penguins.csv"), "--output", project.File("scored.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: kiln predict needs a model", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scored.parquet")]
    [InlineData("scored.csv")]
    public void Predict_ProcessKilledMidJob_RerunResumesAndWritesTheBytesOfAnUninterruptedRun(string outputName)
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        Assert.Equal(0, project.Run("--json").ExitCode);
        var model = Path.Combine(project.JobFolder(), "model.kiln");
        var lines = File.ReadAllLines(project.File("penguins.csv"));
        File.WriteAllLines(project.File("big.csv"), [lines[0], .. Enumerable.Range(0, 3_000).Select(row => lines[1 + row % (lines.Length - 1)])]);
        var reference = CliRun.Invoke("predict", model, "--input", project.File("big.csv"), "--output", project.File("reference-" + outputName), "--chunk-rows", "5");
        Assert.Equal(0, reference.ExitCode);
        var output = project.File(outputName);
        var partial = output + ".partial";

        using (var process = CliRun.StartProcess("predict", model, "--input", project.File("big.csv"), "--output", output, "--chunk-rows", "5"))
        {
            WaitForChunks(process, partial, minimum: 20);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.False(File.Exists(output));
        var kept = Directory.GetFiles(partial, "chunk-*" + Path.GetExtension(outputName)).Length;
        Assert.InRange(kept, 20, 599);

        var resumed = CliRun.Invoke("predict", model, "--input", project.File("big.csv"), "--output", output, "--chunk-rows", "5");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"resumed: {kept:N0} of 600 chunks were finished by an earlier run and kept"), resumed.Error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(project.File("reference-" + outputName)), File.ReadAllBytes(output));
        Assert.False(Directory.Exists(partial));
    }

    [Fact]
    public void Predict_PartialFolderWithoutItsManifest_RefusedUntilRestart()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        Assert.Equal(0, project.Run("--json").ExitCode);
        var model = Path.Combine(project.JobFolder(), "model.kiln");
        var output = project.File("scored.csv");
        Directory.CreateDirectory(output + ".partial");
        var first = CliRun.Invoke("predict", model, "--input", project.File("penguins.csv"), "--output", output, "--chunk-rows", "100");
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("its job.json is missing or unreadable", first.Error, StringComparison.Ordinal);

        var restarted = CliRun.Invoke("predict", model, "--input", project.File("penguins.csv"), "--output", output, "--chunk-rows", "100", "--restart");

        Assert.Equal(0, restarted.ExitCode);
        Assert.Equal(344, CsvTable.Read(output).RowCount);
    }

    [Fact]
    public void Describe_KnownAndEstimatedTotals_SaysRowsRateAndTimeLeft()
    {
        Assert.Equal(
            "predicted 250,000 of 1,000,000 rows (25.0 %), 50,000 rows/s, 0:15 left",
            Commands.PredictProgress.Describe(new Workflow.Scoring.BatchProgress(250_000, 1_000_000, IsEstimate: false, 250_000, TimeSpan.FromSeconds(5))));
        Assert.Equal(
            "predicted 100 of ~400 rows (25.0 %), 10 rows/s, 0:30 left",
            Commands.PredictProgress.Describe(new Workflow.Scoring.BatchProgress(100, 400, IsEstimate: true, 100, TimeSpan.FromSeconds(10))));
        Assert.Equal(
            "predicted 100 rows, 10 rows/s",
            Commands.PredictProgress.Describe(new Workflow.Scoring.BatchProgress(100, null, IsEstimate: true, 100, TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void Report_NotATerminal_PrintsAPlainLineAtMostEveryFiveSeconds()
    {
        var writer = new StringWriter();
        var progress = new Commands.PredictProgress(writer, isTerminal: false);

        foreach (var seconds in new[] { 1, 4, 6, 7, 10, 12 })
            progress.Report(new Workflow.Scoring.BatchProgress(seconds * 10, 200, IsEstimate: false, seconds * 10, TimeSpan.FromSeconds(seconds)));
        progress.Finish();

        Assert.Equal(["predicted 60 of 200 rows (30.0 %), 10 rows/s, 0:14 left", "predicted 120 of 200 rows (60.0 %), 10 rows/s, 0:08 left"], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Report_Terminal_RedrawsABarInPlaceAndEndsTheLineOnFinish()
    {
        var writer = new StringWriter();
        var progress = new Commands.PredictProgress(writer, isTerminal: true);

        progress.Report(new Workflow.Scoring.BatchProgress(50, 200, IsEstimate: false, 50, TimeSpan.FromSeconds(1)));
        progress.Report(new Workflow.Scoring.BatchProgress(200, 200, IsEstimate: false, 200, TimeSpan.FromSeconds(1.1)));
        progress.Finish();

        Assert.Equal(
            "\r[######..................] predicted 50 of 200 rows (25.0 %), 50 rows/s, 0:03 left\u001b[K" +
            "\r[########################] predicted 200 of 200 rows (100.0 %), 182 rows/s, 0:00 left\u001b[K" + Environment.NewLine,
            writer.ToString());
    }

    private static void WaitForChunks(Process process, string folder, int minimum)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, "kiln predict ended before it had written the chunks to kill it after; the job is too short for this test.");
            if (Directory.Exists(folder) && Directory.GetFiles(folder, "chunk-*").Length >= minimum)
                return;
            Thread.Sleep(2);
        }
        Assert.Fail($"kiln predict wrote fewer than {minimum} chunks into {folder} in 60 s.");
    }
}
