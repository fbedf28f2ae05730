using Kiln.Reporting.Rendering;

namespace Kiln.Reporting.Tests.Rendering;

public sealed class SvgMarkupTests
{
    private const string Raw = """
        <?xml version="1.0" encoding="utf-8" ?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300">
        	<clipPath id="cl_4"><rect x="51.880859" y="43.796875" width="333.11914" height="209.4375"/></clipPath>
        	<g clip-path="url(#cl_4)"><path d="M67.022636 57.455841L218.44043 239.57541"/></g>
        	<text transform="translate(304.209 234.25)" font-size="12" font-family="DejaVu Sans" x="0, 7.1542969, 10.96875, " y="2.8242188, ">
        			a &lt;b&gt; 0.123456
        	</text>
        </svg>
        """;

    [Fact]
    public void Finish_RawSvg_IsInlineReady()
    {
        var svg = SvgMarkup.Finish(Raw, "Plot title");

        Assert.StartsWith("<svg ", svg, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 400 300\"", svg, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Plot title\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("xlink", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_RawSvg_RoundsCoordinatesButNotText()
    {
        var svg = SvgMarkup.Finish(Raw, "t");

        Assert.Contains("d=\"M67.02 57.46L218.44 239.58\"", svg, StringComparison.Ordinal);
        Assert.Contains(">a &lt;b&gt; 0.123456</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_GlyphPositionLists_KeepTheFirstPosition()
    {
        var svg = SvgMarkup.Finish(Raw, "t");

        Assert.Contains(" x=\"0\" y=\"2.82\"", svg, StringComparison.Ordinal);
        Assert.Contains("font-family=\"DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_SameInput_SameIdsThatDifferFromOtherPlots()
    {
        var first = SvgMarkup.Finish(Raw, "t");
        var again = SvgMarkup.Finish(Raw, "t");
        var other = SvgMarkup.Finish(Raw.Replace("400", "401", StringComparison.Ordinal), "t");

        Assert.Equal(first, again);
        var id = System.Text.RegularExpressions.Regex.Match(first, "id=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains($"url(#{id})", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"{id}\"", other, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_RunsOfEqualCircles_ShareOneGroup()
    {
        const string Svg = """
            <svg width="10" height="10">
            	<ellipse fill="#3A6EA5" fill-opacity="0.35" cx="1.5" cy="2" rx="2" ry="2"/>
            	<ellipse fill="#3A6EA5" fill-opacity="0.35" cx="3" cy="4" rx="2" ry="2"/>
            	<ellipse fill="red" cx="5" cy="6" rx="2" ry="2"/>
            	<ellipse fill="red" cx="5" cy="6" rx="2" ry="3"/>
            </svg>
            """;

        var svg = SvgMarkup.Finish(Svg, "t");

        Assert.Contains(
            "<g fill=\"#3A6EA5\" fill-opacity=\"0.35\">\n<circle cx=\"1.5\" cy=\"2\" r=\"2\"/>\n<circle cx=\"3\" cy=\"4\" r=\"2\"/>\n</g>\n" +
            "<g fill=\"red\">\n<circle cx=\"5\" cy=\"6\" r=\"2\"/>\n</g>\n\t<ellipse fill=\"red\" cx=\"5\" cy=\"6\" rx=\"2\" ry=\"3\"/>\n</svg>",
            svg, StringComparison.Ordinal);
    }

    [Fact]
    public void RenameIds_IdsAndReferences_RenamedTogether()
    {
        const string Svg = "<svg><clipPath id=\"a\"/><clipPath id=\"b\"/><g clip-path=\"url(#b)\"/><use href=\"#a\"/><g clip-path=\"url(#a)\"/></svg>";

        var renamed = SvgMarkup.RenameIds(Svg, "f3-");

        Assert.Equal("<svg><clipPath id=\"f3-1\"/><clipPath id=\"f3-2\"/><g clip-path=\"url(#f3-2)\"/><use href=\"#f3-1\"/><g clip-path=\"url(#f3-1)\"/></svg>", renamed);
    }

    [Theory]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<svg onload=\"alert(1)\"></svg>")]
    [InlineData("<svg><foreignObject><div/></foreignObject></svg>")]
    [InlineData("<svg><a href=\"javascript:alert(1)\">x</a></svg>")]
    [InlineData("<div>not svg</div>")]
    public void EnsureInert_ActiveOrForeignContent_Throws(string svg) =>
        Assert.Throws<ArgumentException>(() => SvgMarkup.EnsureInert(svg, "svg"));

    [Fact]
    public void EnsureInert_TextThatMentionsHandlers_IsAccepted() =>
        SvgMarkup.EnsureInert("<svg><text x=\"1\"> onion=3 &lt;script&gt; javascript</text></svg>", "svg");

    [Fact]
    public void EnsureInert_PlotsOutput_IsAccepted() =>
        SvgMarkup.EnsureInert(Plots.Bars(["a", "b"], [1, 2], "title"), "svg");
}
