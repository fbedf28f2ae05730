using System.Text.Json;
using Kiln.Core;

namespace Kiln.Reporting.Tests;

public sealed class ReportWriterJsonTests
{
    [Fact]
    public void ToJson_Classification_SnakeCaseNamesAndTheSameNumbers()
    {
        var report = SampleReports.Penguins();

        using var json = JsonDocument.Parse(ReportWriter.ToJson(report));

        var root = json.RootElement;
        var run = root.GetProperty("run");
        Assert.Equal("penguins-try-1", run.GetProperty("job_name").GetString());
        Assert.Equal("classification", run.GetProperty("task").GetString());
        Assert.Equal(42UL, run.GetProperty("seed").GetUInt64());
        Assert.Equal(344, run.GetProperty("data").GetProperty("row_count").GetInt64());
        Assert.StartsWith("sha256:", run.GetProperty("data").GetProperty("content_hash").GetString(), StringComparison.Ordinal);
        var selected = root.GetProperty("selection").GetProperty("candidates")[1];
        Assert.True(selected.GetProperty("is_selected").GetBoolean());
        Assert.Equal(0.9875, selected.GetProperty("scores").GetProperty("accuracy").GetProperty("mean").GetDouble());
        Assert.Equal(0.0102, selected.GetProperty("scores").GetProperty("accuracy").GetProperty("standard_deviation").GetDouble());
        Assert.Equal("1.0", selected.GetProperty("options").GetProperty("c").GetString());
        Assert.Equal(0.9808, root.GetProperty("test").GetProperty("metrics")[0].GetProperty("value").GetDouble());
        Assert.Equal(23, root.GetProperty("test").GetProperty("classification").GetProperty("confusion_matrix")[0][0].GetInt64());
        var firstColumn = root.GetProperty("columns")[0];
        Assert.Equal("species", firstColumn.GetProperty("name").GetString());
        Assert.Equal("categorical", firstColumn.GetProperty("kind").GetString());
        var numeric = root.GetProperty("columns")[2];
        Assert.Equal(report.Columns[2].Histogram!.Counts, numeric.GetProperty("histogram").GetProperty("counts").EnumerateArray().Select(count => count.GetInt64()));
        Assert.Equal(report.Columns[2].Mean!.Value, numeric.GetProperty("mean").GetDouble());
    }

    [Fact]
    public void ToJson_Curves_HoldThePointsDrawn()
    {
        var report = SampleReports.Penguins();

        using var json = JsonDocument.Parse(ReportWriter.ToJson(report));

        var curve = json.RootElement.GetProperty("test").GetProperty("classification").GetProperty("roc_curves")[0];
        var expected = report.Test!.Classification!.RocCurves[0];
        Assert.Equal(expected.X, curve.GetProperty("x").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal(expected.Area!.Value, curve.GetProperty("area").GetDouble());
    }

    [Fact]
    public void ToJson_ManyRegressionRows_WritesTheSampleAndTheTotal()
    {
        var random = new KilnRandom(3);
        var actual = Enumerable.Range(0, 100_000).Select(_ => random.NextGaussian()).ToArray();
        var report = SampleReports.Diabetes() with
        {
            Test = new TestEvaluation { RowCount = actual.Length, Metrics = [], Regression = new RegressionResults(new PredictionSample(actual, actual)) },
        };

        using var json = JsonDocument.Parse(ReportWriter.ToJson(report));

        var predictions = json.RootElement.GetProperty("test").GetProperty("regression").GetProperty("predictions");
        Assert.Equal(Plots.MaxScatterPoints, predictions.GetProperty("actual").GetArrayLength());
        Assert.Equal(100_000, predictions.GetProperty("total_count").GetInt32());
        Assert.True(predictions.GetProperty("is_sampled").GetBoolean());
    }

    [Fact]
    public void ToJson_ExtraSection_TableCellsRawAndFigureCaptionOnly()
    {
        var report = SampleReports.Minimal() with
        {
            Sections =
            [
                new ReportSection
                {
                    Id = "tuning",
                    Title = "Tuning",
                    Blocks =
                    [
                        new TableBlock(["trial", "score", "note"], [[ReportValue.OfCount(1234), ReportValue.OfNumber(double.NaN), ReportValue.OfText("best")]]),
                        new FigureBlock(Plots.Bars(["a"], [1], "t"), "A caption."),
                    ],
                },
            ],
        };

        using var json = JsonDocument.Parse(ReportWriter.ToJson(report));

        var blocks = json.RootElement.GetProperty("sections")[0].GetProperty("blocks");
        Assert.Equal("table", blocks[0].GetProperty("type").GetString());
        var cells = blocks[0].GetProperty("rows")[0];
        Assert.Equal(1234, cells[0].GetInt64());
        Assert.Equal("NaN", cells[1].GetString());
        Assert.Equal("best", cells[2].GetString());
        Assert.Equal("figure", blocks[1].GetProperty("type").GetString());
        Assert.Equal("A caption.", blocks[1].GetProperty("caption").GetString());
        Assert.False(blocks[1].TryGetProperty("svg", out _));
    }

    [Fact]
    public void ToJson_MissingParts_AreLeftOut()
    {
        using var json = JsonDocument.Parse(ReportWriter.ToJson(SampleReports.Minimal()));

        Assert.False(json.RootElement.TryGetProperty("test", out _));
        Assert.False(json.RootElement.TryGetProperty("title", out _));
        Assert.Equal(0, json.RootElement.GetProperty("columns").GetArrayLength());
    }

    [Fact]
    public void ToJson_HostileStrings_StayPlainText()
    {
        using var json = JsonDocument.Parse(ReportWriter.ToJson(ReportWriterHtmlTests.HostileReport()));

        Assert.Equal("<script>alert(1)</script>", json.RootElement.GetProperty("title").GetString());
    }
}
