using System.Text.Json;
using System.Xml.Linq;

namespace Kiln.Reporting.Tests;

/// <summary>The report's "Training curve" section: one chart per metric, train and validation on one chart, the early-stopping step marked; nothing when no curve was recorded.</summary>
public sealed class TrainingCurveReportTests
{
    [Fact]
    public void ToHtml_TrainingCurves_SectionAfterTheChosenModel()
    {
        var page = HtmlPage.Parse(ReportWriter.ToHtml(SampleReports.WithTrainingCurves()));

        Assert.Equal(["run", "chosen-model", "training-curve"], HtmlPage.SectionIds(page));
    }

    [Fact]
    public void ToHtml_TrainingCurves_OneChartPerMetricWithTrainAndValidationTogether()
    {
        var section = TrainingSection(SampleReports.WithTrainingCurves());

        var charts = section.Descendants(HtmlPage.Svg + "svg").ToArray();
        Assert.Equal(["Training curve: oob_score", "Training curve: loss"], charts.Select(svg => (string?)svg.Attribute("aria-label")));
        var loss = charts[1].ToString(SaveOptions.DisableFormatting);
        Assert.Contains(">train_loss</text>", loss, StringComparison.Ordinal);
        Assert.Contains(">validation_loss</text>", loss, StringComparison.Ordinal);
        Assert.DoesNotContain(">oob_score</text>", loss, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_BestStep_MarkedOnEveryChartAndNamedInTheText()
    {
        var section = TrainingSection(SampleReports.WithTrainingCurves(bestStep: 12));

        var text = section.ToString(SaveOptions.DisableFormatting);
        Assert.Equal(2, text.Split(">early stopping (step 12)</text>").Length - 1);
        Assert.Contains("step <strong>12</strong>", text, StringComparison.Ordinal);
        // The table's last column: validation_loss at step 12 is its minimum, 0.3.
        var row = HtmlPage.Elements(new XDocument(section), "tr").Single(tr => tr.Elements().First().Value == "validation_loss");
        Assert.Equal(["validation_loss", "20", "0.5420", "0.4280", "0.3000"], row.Elements().Select(cell => cell.Value));
    }

    [Fact]
    public void ToHtml_NoBestStep_NoMarkerAndNoEarlyStoppingColumn()
    {
        var section = TrainingSection(SampleReports.WithTrainingCurves(bestStep: null));

        var text = section.ToString(SaveOptions.DisableFormatting);
        Assert.DoesNotContain("early stopping", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, HtmlPage.Elements(new XDocument(section), "th").Count(th => th.Parent!.Parent!.Name.LocalName == "thead"));
    }

    [Fact]
    public void ToHtml_NoCurvesRecorded_NoSectionAndNoChart()
    {
        var report = SampleReports.WithTrainingCurves() is var withCurves
            ? withCurves with { Model = withCurves.Model! with { Training = new TrainingHistory { BestStep = 3 } } }
            : throw new InvalidOperationException();

        var page = HtmlPage.Parse(ReportWriter.ToHtml(report));

        Assert.DoesNotContain("training-curve", HtmlPage.SectionIds(page));
        Assert.Empty(page.Descendants(HtmlPage.Svg + "svg"));
    }

    [Fact]
    public void ToJson_TrainingCurves_UnderTheChosenModelWithTheBestStep()
    {
        var report = SampleReports.WithTrainingCurves();

        using var json = JsonDocument.Parse(ReportWriter.ToJson(report));

        var training = json.RootElement.GetProperty("model").GetProperty("training");
        Assert.Equal(12, training.GetProperty("best_step").GetInt64());
        var curves = training.GetProperty("curves");
        Assert.Equal(["oob_score", "train_loss", "validation_loss"], curves.EnumerateArray().Select(curve => curve.GetProperty("name").GetString()));
        var validation = curves[2];
        Assert.Equal(Enumerable.Range(1, 20).Select(step => (long)step), validation.GetProperty("steps").EnumerateArray().Select(step => step.GetInt64()));
        Assert.Equal(report.Model!.Training!.Curves[2].Values, validation.GetProperty("values").EnumerateArray().Select(value => value.GetDouble()));
    }

    private static XElement TrainingSection(RunReport report) =>
        HtmlPage.Elements(HtmlPage.Parse(ReportWriter.ToHtml(report)), "section").Single(section => (string?)section.Attribute("id") == "training-curve");
}
