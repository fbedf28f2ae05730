using Kiln.TestKit;

namespace Kiln.Workflow.Tests.Runs;

/// <summary>A real run's report.html, opened in headless Chromium: it must render its text, tables and plots.</summary>
public sealed class ReportRenderTests
{
    private const int Width = 1280;
    private const int Height = 6000;

    [ChromiumFact]
    public void Run_Penguins_ReportRendersInChromium()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var result = project.Run(RunYaml.Penguins());
        var page = Path.Combine(result.JobDirectory, "report.html");
        var screenshot = project.Path("report.png");

        Chromium.Screenshot(page, screenshot, Width, Height, TimeSpan.FromSeconds(60));
        var image = PngImage.Decode(File.ReadAllBytes(screenshot));

        Assert.Equal((Width, Height), (image.Width, image.Height));
        var inked = image.NonWhiteShare(0, Height);
        Assert.True(inked > 0.04, $"Only {inked:P1} of the screenshot is not white: the page looks blank.");
        var belowFirstScreen = image.NonWhiteShare(1000, Height);
        Assert.True(belowFirstScreen > 0.03, $"Only {belowFirstScreen:P1} below the first screen is not white: the report stops early.");
        Assert.True(image.DistinctColours() > 40, "Too few colours: no plots or styling rendered.");
        // The plots' blue (#3A6EA5) is in the column histograms, the class balance and the test plots.
        Assert.True(image.CountNear(0x3A, 0x6E, 0xA5, 0, Height) > 2000, "The plots' blue is (nearly) missing: the plots did not draw.");
        // The confusion matrix's darkest cells (#1F4E85), far down the page.
        Assert.True(image.CountNear(0x1F, 0x4E, 0x85, 1000, Height) > 500, "The confusion matrix's dark cells are missing.");
    }
}
