using Kiln.Reporting.Rendering;

namespace Kiln.Reporting.Tests.Rendering;

public sealed class HtmlTests
{
    [Fact]
    public void Escape_MarkupCharacters_AreEntities() =>
        Assert.Equal("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;", Html.Escape("<script>alert(\"x\" & 'y')</script>"));

    [Fact]
    public void Escape_ControlCharacters_AreReplaced() => Assert.Equal("a\uFFFDb\tc\n", Html.Escape("a\u0001b\tc\n"));

    [Fact]
    public void Escape_Null_IsEmpty() => Assert.Equal(string.Empty, Html.Escape(null));

    [Fact]
    public void Escape_PlainText_IsReturnedAsIs()
    {
        const string Text = "bill_length_mm";
        Assert.Same(Text, Html.Escape(Text));
    }
}
