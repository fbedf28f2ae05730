using Kiln.Core.Data;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.LightGbm;

namespace Kiln.Cli.Tests;

public sealed class LightGbmRunTests
{
    private const string Yaml =
        """
        name: penguins
        namespace: cli
        data: penguins.csv
        target: species
        seed: 3
        validation: {folds: 3}
        candidates:
          - dummy
          - lightgbm: {n_estimators: 40, num_leaves: 7, min_child_samples: 5, early_stopping_rounds: 5, class_weight: balanced}
        """;

    [Fact]
    public void Run_LightGbmCandidate_FitsWithNativeCategoriesAndPredictReproducesItsTestPredictions()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", Yaml);

        var run = project.Run("--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("lightgbm", (string?)run.Json["selected"]);
        Assert.True((double)run.Json["test"]!["accuracy"]! > 0.9, run.Out);
        var job = project.JobFolder();
        using (var bundle = new DisposablePipeline(ModelBundle.Load<PipelineModel>(Path.Combine(job, "model.kiln"))))
        {
            // island and sex reach LightGBM as categorical features, not one-hot columns.
            var predictor = Assert.IsType<LightGbmClassifierModel>(bundle.Model.Predictor);
            Assert.Equal(ColumnKind.Categorical, predictor.InputSchema["island"].Kind);
            Assert.Equal(ColumnKind.Categorical, predictor.InputSchema["sex"].Kind);
            Assert.Equal(7, predictor.InputSchema.Count);
        }

        var predict = CliRun.Invoke("predict", "--model", Path.Combine(job, "model.kiln"), "--input", project.File("penguins.csv"), "--output", project.File("scored.csv"));

        Assert.True(predict.ExitCode == 0, predict.Error);
        var expected = CsvTable.Read(Path.Combine(job, "predictions.csv"));
        var scored = CsvTable.Read(project.File("scored.csv"));
        var rows = expected.Numeric("row").Values.ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = (int)rows[i];
            Assert.Equal(expected["prediction"].FormatValue(i), scored["prediction"].FormatValue(row));
            Assert.Equal(expected.Numeric("proba_Gentoo").Values[i], scored.Numeric("proba_Gentoo").Values[row]);
        }
    }

    [Fact]
    public void Run_LightGbmOptionOutOfRange_FailsWithItsNameAndRange()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", Yaml.Replace("num_leaves: 7", "num_leaves: 1", StringComparison.Ordinal));

        var run = project.Run();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("num_leaves", run.Error, StringComparison.Ordinal);
    }

    private sealed class DisposablePipeline(PipelineModel model) : IDisposable
    {
        public PipelineModel Model { get; } = model;

        public void Dispose() => (Model.Predictor as IDisposable)?.Dispose();
    }
}
