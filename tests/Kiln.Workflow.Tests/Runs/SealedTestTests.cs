using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;

namespace Kiln.Workflow.Tests.Runs;

/// <summary>The test rows are sealed: nothing before the test step (preparation, validation, selection, the refit) sees them.</summary>
public sealed class SealedTestTests
{
    [Fact]
    public void Run_TestRowsFeaturesChanged_EverythingBeforeTheTestIsUnchanged()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var yaml = RunYaml.Penguins(candidates: "  - logistic_regression\n  - decision_tree: {max_depth: 3}");
        var first = project.Run(yaml, runIdSeed: 1);
        var split = RunProject.Json(Path.Combine(first.JobDirectory, "split.json"));
        var testRows = split["test"]!.AsArray().Select(row => (int)row!).ToHashSet();

        // Move every test row's bill length far away: a median, scale or fit that saw them would change.
        var lines = File.ReadAllLines(project.Path("penguins.csv"));
        for (var row = 0; row < lines.Length - 1; row++)
        {
            if (!testRows.Contains(row))
                continue;
            var fields = lines[row + 1].Split(',');
            fields[2] = (900 + row).ToString(CultureInfo.InvariantCulture);
            lines[row + 1] = string.Join(',', fields);
        }
        File.WriteAllLines(project.Path("penguins.csv"), lines);
        var second = project.Run(yaml, runIdSeed: 2);

        var before = RunProject.Json(Path.Combine(first.JobDirectory, "metrics.json"));
        var after = RunProject.Json(Path.Combine(second.JobDirectory, "metrics.json"));
        Assert.NotEqual((string?)before["data"]!["content_hash"], (string?)after["data"]!["content_hash"]);
        Assert.Equal(split.ToJsonString(), RunProject.Json(Path.Combine(second.JobDirectory, "split.json")).ToJsonString());
        foreach (var key in new[] { "baseline", "candidates", "selected" })
            Assert.Equal(before[key]!.ToJsonString(), after[key]!.ToJsonString());
        var (firstModel, secondModel) = (Model(first.JobDirectory), Model(second.JobDirectory));
        var (firstScaler, secondScaler) = (Scaler(firstModel), Scaler(secondModel));
        Assert.Equal(firstScaler.Means, secondScaler.Means);
        Assert.Equal(firstScaler.Scales, secondScaler.Scales);
        var developmentRows = CsvTable.Read(project.Path("penguins.csv")).Take([.. Enumerable.Range(0, 344).Where(row => !testRows.Contains(row))]);
        Assert.Equal(firstModel.PredictProbabilities(developmentRows), secondModel.PredictProbabilities(developmentRows));
        Assert.NotEqual(before["test"]!.ToJsonString(), after["test"]!.ToJsonString());
    }

    private static PipelineModel Model(string jobDirectory) => (PipelineModel)ModelBundle.Load(Path.Combine(jobDirectory, "model.kiln"));

    private static StandardScalerModel Scaler(PipelineModel model) => ((ColumnPreparerModel)model.Preparation).Scaler!;
}
