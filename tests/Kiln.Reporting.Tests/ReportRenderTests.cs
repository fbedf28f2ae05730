using Kiln.TestKit;
using Xunit.Abstractions;

namespace Kiln.Reporting.Tests;

/// <summary>
/// Opens report.html in headless Chromium, screenshots it and checks the picture: the page must render (not blank), with
/// its plots drawn (their colours present) and content well below the first screen. The screenshots stay in the test
/// output folder under render/ for a person to look at.
/// </summary>
public sealed class ReportRenderTests(ITestOutputHelper output)
{
    private const int Width = 1280;
    private const int Height = 6000;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [ChromiumFact]
    public void Render_ClassificationReport_ShowsTextTablesAndPlots()
    {
        var image = Screenshot(SampleReports.Penguins(), "penguins");

        AssertRendered(image);
        // The heat map's darkest blue: the confusion matrix drew.
        Assert.True(image.CountNear(0x1F, 0x4E, 0x85, 0, Height) > 500, "The confusion matrix's dark cells are missing from the screenshot.");
    }

    [ChromiumFact]
    public void Render_RegressionReport_ShowsTextTablesAndPlots() => AssertRendered(Screenshot(SampleReports.Diabetes(), "diabetes"));

    [ChromiumFact]
    public void Render_TrainingCurves_ChartsDraw()
    {
        var image = Screenshot(SampleReports.WithTrainingCurves(), "training-curves");

        // The report holds nothing but the run facts, the model and the training curve section: the curves' colours come
        // from its charts only, the first series in the plots' blue (#3A6EA5), the second in orange (#D9822B).
        Assert.True(image.CountNear(0x3A, 0x6E, 0xA5, 0, Height) > 300, "The first training curve's blue is (nearly) missing from the screenshot.");
        Assert.True(image.CountNear(0xD9, 0x82, 0x2B, 0, Height) > 300, "The validation curve's orange is (nearly) missing from the screenshot.");
    }

    private PngImage Screenshot(RunReport report, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "render"));
        var page = Path.Combine(folder.FullName, $"{name}.html");
        var screenshot = Path.Combine(folder.FullName, $"{name}.png");
        File.Delete(screenshot);
        ReportWriter.WriteHtml(report, page);
        Chromium.Screenshot(page, screenshot, Width, Height, Timeout);
        output.WriteLine($"Screenshot of {page}: {screenshot}");
        return PngImage.Decode(File.ReadAllBytes(screenshot));
    }

    private static void AssertRendered(PngImage image)
    {
        Assert.Equal((Width, Height), (image.Width, image.Height));
        var inked = image.NonWhiteShare(0, Height);
        Assert.True(inked > 0.04, $"Only {inked:P1} of the screenshot is not white: the page looks blank.");
        var belowFirstScreen = image.NonWhiteShare(1000, Height);
        Assert.True(belowFirstScreen > 0.03, $"Only {belowFirstScreen:P1} of the screenshot below the first screen is not white.");
        var colours = image.DistinctColours();
        Assert.True(colours > 40, $"The screenshot has only {colours} distinct colours (4 bits per channel): no plots or styling rendered.");
        // The plots' primary blue (#3A6EA5): bars, histograms and points drew.
        Assert.True(image.CountNear(0x3A, 0x6E, 0xA5, 0, Height) > 2000, "The plots' blue is (nearly) missing from the screenshot.");
    }
}
