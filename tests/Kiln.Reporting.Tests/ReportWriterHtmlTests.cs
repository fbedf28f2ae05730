using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kiln.Core.Data;

namespace Kiln.Reporting.Tests;

public sealed class ReportWriterHtmlTests
{
    private static readonly string[] BuiltInSections =
        ["run", "warnings", "data", "columns", "class-balance", "model-selection", "chosen-model", "test-evaluation"];

    private const string Hostile = "<script>alert(1)</script>";

    [Fact]
    public void ToHtml_Classification_HasEveryBuiltInSectionInOrder()
    {
        var page = HtmlPage.Parse(ReportWriter.ToHtml(SampleReports.Penguins()));

        Assert.Equal(BuiltInSections, HtmlPage.SectionIds(page));
    }

    [Fact]
    public void ToHtml_Classification_ContentsLinksEverySection()
    {
        var page = HtmlPage.Parse(ReportWriter.ToHtml(SampleReports.Penguins()));

        var links = HtmlPage.Elements(page, "nav").Single().Descendants().Where(element => element.Name.LocalName == "a")
            .Select(link => (string?)link.Attribute("href")).ToArray();
        Assert.Equal(BuiltInSections.Select(id => "#" + id), links);
    }

    [Fact]
    public void ToHtml_Classification_HasOneSvgPerPlot()
    {
        var report = SampleReports.Penguins();

        var page = HtmlPage.Parse(ReportWriter.ToHtml(report));

        // One small plot per column, then class balance, score comparison, feature importance, confusion matrix, ROC and precision-recall.
        var svgs = page.Descendants(HtmlPage.Svg + "svg").ToArray();
        Assert.Equal(report.Columns.Count + 6, svgs.Length);
        var labels = svgs.Select(svg => (string?)svg.Attribute("aria-label")).ToArray();
        Assert.Contains("Confusion matrix", labels);
        Assert.Contains("ROC curve", labels);
        Assert.Contains("Precision-recall curve", labels);
        Assert.Contains("Cross-validation scores", labels);
        Assert.DoesNotContain("Residuals vs predicted", labels);
    }

    [Fact]
    public void ToHtml_Regression_HasResidualAndPredictedPlotsInstead()
    {
        var report = SampleReports.Diabetes();

        var page = HtmlPage.Parse(ReportWriter.ToHtml(report));

        var labels = page.Descendants(HtmlPage.Svg + "svg").Select(svg => (string?)svg.Attribute("aria-label")).ToArray();
        Assert.Equal(report.Columns.Count + 3, labels.Length);
        Assert.Contains("Residuals vs predicted", labels);
        Assert.Contains("Predicted vs actual", labels);
        Assert.DoesNotContain("Confusion matrix", labels);
        Assert.DoesNotContain("class-balance", HtmlPage.SectionIds(page));
    }

    [Theory]
    [InlineData("penguins")]
    [InlineData("diabetes")]
    [InlineData("minimal")]
    public void ToHtml_AnyReport_HasNoScriptAndNoExternalReference(string name)
    {
        var html = ReportWriter.ToHtml(Sample(name));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var withoutSvgNamespace = html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", withoutSvgNamespace, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", withoutSvgNamespace, StringComparison.OrdinalIgnoreCase);
        var page = HtmlPage.Parse(html);
        string[] external = ["link", "img", "iframe", "object", "embed", "image", "use", "script", "foreignObject"];
        Assert.DoesNotContain(page.Descendants(), element => external.Contains(element.Name.LocalName));
        Assert.DoesNotContain(page.Descendants().Attributes(), attribute => attribute.Name.LocalName is "src" or "srcset");
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", Regex.Replace(html, @"url\(#[^)]+\)", string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_HostileStrings_AreEscapedEverywhere()
    {
        var report = HostileReport();

        var html = ReportWriter.ToHtml(report);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        var page = HtmlPage.Parse(html);
        Assert.DoesNotContain(page.Descendants().Attributes(), attribute => attribute.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Descendants(), element => element.Name.LocalName is "script" or "img" or "iframe");
        var columnNames = page.Descendants().Where(element => (string?)element.Attribute("class") == "column-name").Select(element => element.Value);
        Assert.Contains(Hostile, columnNames);
    }

    [Fact]
    public void ToHtml_AnyReport_IdsAreUniqueAndReferencesResolve()
    {
        var report = SampleReports.Penguins() with
        {
            Sections = [new ReportSection { Id = "again", Title = "Same plot twice", Blocks = [new FigureBlock(Plots.Bars(["a"], [1], "t")), new FigureBlock(Plots.Bars(["a"], [1], "t"))] }],
        };

        var html = ReportWriter.ToHtml(report);

        var ids = Regex.Matches(html, "\\sid=\"([^\"]+)\"").Select(match => match.Groups[1].Value).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        var references = Regex.Matches(html, @"url\(#([^)]+)\)|href=""#([^""]+)""").Select(match => match.Groups[1].Value + match.Groups[2].Value);
        Assert.All(references, reference => Assert.Contains(reference, ids));
    }

    [Fact]
    public void ToHtml_Minimal_ShowsOnlyTheRun()
    {
        var page = HtmlPage.Parse(ReportWriter.ToHtml(SampleReports.Minimal()));

        Assert.Equal(["run"], HtmlPage.SectionIds(page));
        Assert.Empty(page.Descendants(HtmlPage.Svg + "svg"));
        Assert.Equal("empty: empty-1", HtmlPage.Elements(page, "title").Single().Value);
    }

    [Fact]
    public void ToHtml_Numbers_AreFormatted()
    {
        var report = SampleReports.Penguins() with { Run = SampleReports.Penguins().Run with { Data = new DataFacts("big.csv", 1_234_567, 8, "sha256:1") } };

        var html = ReportWriter.ToHtml(report);

        Assert.Contains(">1,234,567<", html, StringComparison.Ordinal);
        Assert.Contains(">0.9875 \u00B1 0.0102<", html, StringComparison.Ordinal);
        Assert.Contains(">0.9808<", html, StringComparison.Ordinal);
        Assert.Contains(">1 min 23 s<", html, StringComparison.Ordinal);
        Assert.Contains(">2025-03-14 09:26:53 UTC<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ScoreTable_MarksSelectedAndBaselineRows()
    {
        var page = HtmlPage.Parse(ReportWriter.ToHtml(SampleReports.Penguins()));

        var rows = HtmlPage.Elements(page, "table").Single(table => (string?)table.Attribute("class") == "scores")
            .Descendants().Where(element => element.Name.LocalName == "tr").ToArray();
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("dummybaseline", Single(rows, "baseline").Value, StringComparison.Ordinal);
        Assert.StartsWith("logistic_regressionselected", Single(rows, "selected").Value, StringComparison.Ordinal);
        Assert.Contains("c = 1.0, max_iter = 100", Single(rows, "selected").Value, StringComparison.Ordinal);
        var headers = rows[0].Elements().Select(cell => cell.Value).ToArray();
        Assert.Equal(["Candidate", "Options", .. SampleReports.ClassificationMetrics], headers);
    }

    [Fact]
    public void ToHtml_RowsWithoutTarget_AreCountedInDataAndHeader()
    {
        var penguins = SampleReports.Penguins();
        var report = penguins with { Data = penguins.Data! with { RowsWithMissingTarget = 7 } };

        var html = ReportWriter.ToHtml(report);

        Assert.Contains("<dt>Rows without a target (left out)</dt><dd>7 (2.0%)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("7 without a target, left out", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Warnings_CriticalFirstWithColumn()
    {
        var report = SampleReports.Penguins() with
        {
            Warnings =
            [
                new ReportWarning(WarningSeverity.Info, "fyi"),
                new ReportWarning(WarningSeverity.Critical, "body_mass_g alone predicts the target (accuracy 0.99): it may leak the answer.", "body_mass_g"),
            ],
        };

        var page = HtmlPage.Parse(ReportWriter.ToHtml(report));

        var warnings = HtmlPage.Elements(page, "div").Where(element => ((string?)element.Attribute("class") ?? string.Empty).StartsWith("warning ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["warning severity-critical", "warning severity-info"], warnings.Select(element => (string?)element.Attribute("class")));
        Assert.StartsWith("criticalbody_mass_g: body_mass_g alone predicts", warnings[0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ExtraSections_FollowTheBuiltInOnes()
    {
        var report = SampleReports.Penguins() with
        {
            Sections =
            [
                new ReportSection
                {
                    Id = "Tuning History!",
                    Title = "Tuning history",
                    Blocks =
                    [
                        new ParagraphBlock("40 trials of TPE."),
                        new TableBlock(["trial", "max_depth", "accuracy", "share"], [[ReportValue.OfCount(1), ReportValue.OfText("8"), ReportValue.OfNumber(0.95), ReportValue.OfShare(0.25)]]),
                        new FigureBlock(Plots.Lines([1, 2], [new LineSeries("best", [0.9, 0.95])], "Best so far", "trial", "accuracy"), "Best score by trial."),
                    ],
                },
                new ReportSection { Id = "run", Title = "Clashing id" },
            ],
        };

        var page = HtmlPage.Parse(ReportWriter.ToHtml(report));

        Assert.Equal([.. BuiltInSections, "section-tuning-history", "section-run"], HtmlPage.SectionIds(page));
        var section = HtmlPage.Elements(page, "section").Single(element => (string?)element.Attribute("id") == "section-tuning-history");
        var cells = section.Descendants().Where(element => element.Name.LocalName == "td").Select(cell => cell.Value).ToArray();
        Assert.Equal(["1", "8", "0.9500", "25.0%"], cells);
        Assert.Single(section.Descendants(HtmlPage.Svg + "svg"));
        Assert.Equal("Best score by trial.", section.Descendants().Single(element => element.Name.LocalName == "figcaption").Value);
    }

    [Fact]
    public void ToHtml_FigureWithScript_IsRefused()
    {
        var report = SampleReports.Minimal() with
        {
            Sections = [new ReportSection { Id = "x", Title = "x", Blocks = [new FigureBlock("<svg><script>alert(1)</script></svg>")] }],
        };

        var error = Assert.Throws<ArgumentException>(() => ReportWriter.ToHtml(report));
        Assert.Contains("<script", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_BrokenHistogram_NamesTheColumn()
    {
        var report = SampleReports.Minimal() with
        {
            Columns = [new ColumnSummary { Name = "age", Kind = ColumnKind.Numeric, MissingCount = 0, Histogram = new HistogramData([0, 1], [1, 2]) }],
        };

        var error = Assert.Throws<ArgumentException>(() => ReportWriter.ToHtml(report));
        Assert.Contains("column 'age'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_SameReport_SameText() =>
        Assert.Equal(ReportWriter.ToHtml(SampleReports.Penguins()), ReportWriter.ToHtml(SampleReports.Penguins()));

    [Fact]
    public void ToHtml_Page_DeclaresItsSecurityPolicyAndEncoding()
    {
        var page = HtmlPage.Parse(ReportWriter.ToHtml(SampleReports.Minimal()));

        var metas = HtmlPage.Elements(page, "meta").ToArray();
        Assert.Contains(metas, meta => (string?)meta.Attribute("charset") == "utf-8");
        Assert.Contains(metas, meta => (string?)meta.Attribute("http-equiv") == "Content-Security-Policy"
            && ((string?)meta.Attribute("content") ?? string.Empty).StartsWith("default-src 'none'", StringComparison.Ordinal));
    }

    internal static RunReport HostileReport()
    {
        var penguins = SampleReports.Penguins();
        return penguins with
        {
            Title = Hostile,
            Run = penguins.Run with { JobName = Hostile, Target = "\"><img src=x onerror=alert(1)>" },
            Columns =
            [
                .. penguins.Columns,
                new ColumnSummary
                {
                    Name = Hostile, Kind = ColumnKind.Categorical, MissingCount = 0, DistinctCount = 2,
                    TopCategories = [new CategoryCount("\"><img src=x onerror=alert(1)>", 3), new CategoryCount(Hostile, 2)],
                },
            ],
            ClassBalance = [new CategoryCount(Hostile, 3)],
            Warnings = [new ReportWarning(WarningSeverity.Critical, Hostile, Hostile)],
            Model = penguins.Model! with { Options = new Dictionary<string, string> { [Hostile] = Hostile }, Diagnostics = [Hostile] },
            Sections = [new ReportSection { Id = Hostile, Title = Hostile, Blocks = [new ParagraphBlock(Hostile), new TableBlock([Hostile], [[ReportValue.OfText(Hostile)]], Hostile)] }],
        };
    }

    private static XElement Single(IEnumerable<XElement> rows, string rowClass) => rows.Single(row => (string?)row.Attribute("class") == rowClass);

    private static RunReport Sample(string name) => name switch
    {
        "penguins" => SampleReports.Penguins(),
        "diabetes" => SampleReports.Diabetes(),
        _ => SampleReports.Minimal(),
    };
}
