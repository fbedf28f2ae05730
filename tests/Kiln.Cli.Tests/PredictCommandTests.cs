using Kiln.Core.Data;

namespace Kiln.Cli.Tests;

public sealed class PredictCommandTests
{
    [Fact]
    public void Predict_TestRowsOfARun_ReproducesTheRunsTestPredictions()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        Assert.Equal(0, project.Run("--json").ExitCode);
        var job = project.JobFolder();
        var testRows = Kiln.Core.Data.CsvTable.Read(Path.Combine(job, "predictions.csv")).Numeric("row").Values.ToArray().Select(row => (int)row).ToArray();
        var lines = File.ReadAllLines(project.File("penguins.csv"));
        File.WriteAllLines(project.File("test-rows.csv"), [lines[0], .. testRows.Select(row => lines[row + 1])]);

        var result = CliRun.Invoke("predict", "--model", Path.Combine(job, "model.kiln"), "--input", project.File("test-rows.csv"), "--output", project.File("scored.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"wrote {testRows.Length} rows of predicted classes and probabilities of Adelie, Chinstrap, Gentoo to ", result.Out, StringComparison.Ordinal);
        var expected = CsvTable.Read(Path.Combine(job, "predictions.csv"));
        var scored = CsvTable.Read(project.File("scored.csv"));
        Assert.Equal(["row", "prediction", "proba_Adelie", "proba_Chinstrap", "proba_Gentoo"], scored.Schema.Names);
        Assert.Equal(Enumerable.Range(0, testRows.Length).Select(row => (double)row), scored.Numeric("row").Values.ToArray());
        for (var row = 0; row < testRows.Length; row++)
            Assert.Equal(expected["prediction"].FormatValue(row), scored["prediction"].FormatValue(row));
        foreach (var name in new[] { "proba_Adelie", "proba_Chinstrap", "proba_Gentoo" })
            Assert.Equal(expected.Numeric(name).Values.ToArray(), scored.Numeric(name).Values.ToArray());
    }

    [Fact]
    public void Predict_IdColumnAndParquetOutput_CopiesTheIdNextToThePredictions()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        Assert.Equal(0, project.Run("--json").ExitCode);

        var result = CliRun.Invoke("predict", "--model", Path.Combine(project.JobFolder(), "model.kiln"), "--input", project.File("penguins.csv"),
            "--output", project.File("scored.parquet"), "--id", "island");

        Assert.Equal(0, result.ExitCode);
        var scored = ParquetTable.Read(project.File("scored.parquet"));
        Assert.Equal(344, scored.RowCount);
        Assert.Equal(["island", "prediction", "proba_Adelie", "proba_Chinstrap", "proba_Gentoo"], scored.Schema.Names);
        Assert.Equal("Torgersen", scored["island"].FormatValue(0));
    }

    [Fact]
    public void Predict_CodeColumnReadAsNumbers_IsReadAgainAsTheModelsKind()
    {
        using var project = new CliProject();
        project.Write("codes.csv", "zone,size,label\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"z{i % 3},{i % 7},{(i % 3 == 0 ? "yes" : "no")}\n")));
        project.Write("kiln.yaml", "name: codes\ndata: {path: codes.csv, schema: {size: categorical}}\ntarget: label\nvalidation: {folds: 2}\ncandidates: [logistic_regression]\n");
        Assert.Equal(0, project.Run("--json").ExitCode);
        project.Write("new.csv", "zone,size\nz0,3\nz1,5\n");

        var result = CliRun.Invoke("predict", "--model", Path.Combine(project.JobFolder(), "model.kiln"), "--input", project.File("new.csv"), "--output", project.File("scored.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["yes", "no"], Enumerable.Range(0, 2).Select(CsvTable.Read(project.File("scored.csv"))["prediction"].FormatValue));
    }

    [Fact]
    public void Predict_InputWithoutTheModelsColumns_OneLineErrorNamingThem()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        Assert.Equal(0, project.Run("--json").ExitCode);
        project.Write("other.csv", "island,bill_length_mm\nDream,40\n");

        var result = CliRun.Invoke("predict", "--model", Path.Combine(project.JobFolder(), "model.kiln"), "--input", project.File("other.csv"), "--output", project.File("scored.csv"));

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("missing: 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex', 'year'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(project.File("scored.csv")));
    }

    [Fact]
    public void Predict_MissingModel_ExitsOne()
    {
        using var project = new CliProject();
        project.CopyData("penguins.csv");

        var result = CliRun.Invoke("predict", "--model", project.File("model.kiln"), "--input", project.File("penguins.csv"), "--output", project.File("scored.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: The model file {project.File("model.kiln")} does not exist; pass the model.kiln of a run (in its job folder) with --model.", result.Error.TrimEnd());
    }
}
