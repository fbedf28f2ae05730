using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kiln.Reporting.Rendering;

// Turns the SVG that ScottPlot (through Skia's SVG canvas) writes into a fragment fit to inline in an HTML page:
// no XML declaration; a viewBox so that CSS can scale it; ids renamed in order of appearance (Skia numbers its clip
// paths with a process-wide counter, so raw output differs between runs and clashes between plots on one page);
// coordinates rounded to two decimals (half the bytes, no visible change); per-glyph x/y lists reduced to the first
// position so the viewer's font lays the text out; and a font-family fallback list for machines without the font
// the plot was measured with.
internal static partial class SvgMarkup
{
    public const string FontFallbacks = "Liberation Sans, Arial, Helvetica, sans-serif";

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex SvgStartTag();

    [GeneratedRegex(@"\s(width|height)=""([0-9.]+)""")]
    private static partial Regex SizeAttribute();

    [GeneratedRegex(@"\sxmlns:xlink=""[^""]*""")]
    private static partial Regex XlinkNamespace();

    [GeneratedRegex(@"(?<lead>\bid=""|url\(#|href=""#)(?<id>[^"")]+)")]
    private static partial Regex IdOrReference();

    [GeneratedRegex(@"\bid=""(?<id>[^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"-?\d+\.\d{3,}")]
    private static partial Regex LongDecimal();

    [GeneratedRegex(@"\s(?<name>x|y)=""(?<first>[^"",]*),[^""]*""")]
    private static partial Regex GlyphPositions();

    [GeneratedRegex(@"(<text\b[^>]*>)\s+")]
    private static partial Regex TextLeadingSpace();

    [GeneratedRegex(@"\s+(</text>)")]
    private static partial Regex TextTrailingSpace();

    [GeneratedRegex(@"^\s*<ellipse (?<style>fill=""[^""]+""(?: fill-opacity=""[^""]+"")?) cx=""(?<x>[^""]+)"" cy=""(?<y>[^""]+)"" rx=""(?<r>[^""]+)"" ry=""\k<r>""/>\s*$")]
    private static partial Regex FilledCircle();

    [GeneratedRegex(@"font-family=""(?<family>[^""]*)""")]
    private static partial Regex FontFamily();

    [GeneratedRegex(@"^<(script|foreignObject|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex ActiveTagContent();

    /// <summary>Cleans raw ScottPlot SVG as the class comment says, and sets the text equal to <paramref name="boldText"/> (the title) in bold.</summary>
    /// <remarks>
    /// Skia's SVG canvas drops the weight of a bold typeface, so the title's weight is put back here by its text.
    /// Ids become k&lt;hash&gt;-1, -2, … where the hash is of the cleaned SVG: the same plot always gets the same ids, and
    /// two different plots inlined in one page do not share any (a shared clip-path id would clip one plot by the other's frame).
    /// </remarks>
    public static string Finish(string rawSvg, string accessibleName, string? boldText = null)
    {
        var svg = XmlDeclaration().Replace(rawSvg, string.Empty);
        svg = Tag().Replace(svg, tag => CompactTag(tag.Value));
        svg = GroupCircles(svg);
        svg = TextLeadingSpace().Replace(svg, "$1");
        svg = TextTrailingSpace().Replace(svg, "$1");
        svg = FontFamily().Replace(svg, match => $"font-family=\"{WithFallbacks(match.Groups["family"].Value)}\"");
        if (!string.IsNullOrWhiteSpace(boldText))
            svg = MakeBold(svg, boldText);
        if (!svg.Contains("xlink:", StringComparison.Ordinal))
            svg = XlinkNamespace().Replace(svg, string.Empty);
        svg = SvgStartTag().Replace(svg, start => AddViewBox(start.Value, accessibleName), 1).Trim() + "\n";
        // Skia's ids depend on what was rendered before: number them first, so that the hash depends on the plot alone.
        svg = RenameIds(svg, "id-");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(svg));
        return RenameIds(svg, $"k{Convert.ToHexStringLower(hash.AsSpan(0, 5))}-");
    }

    /// <summary>Renames every id, and every reference to one, to <paramref name="idPrefix"/>1, 2, … in order of first appearance.</summary>
    public static string RenameIds(string svg, string idPrefix)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in IdAttribute().Matches(svg))
        {
            var id = match.Groups["id"].Value;
            if (!names.ContainsKey(id))
                names[id] = idPrefix + (names.Count + 1).ToString(CultureInfo.InvariantCulture);
        }
        if (names.Count == 0)
            return svg;
        return IdOrReference().Replace(svg, match =>
            names.TryGetValue(match.Groups["id"].Value, out var renamed) ? match.Groups["lead"].Value + renamed : match.Value);
    }

    /// <summary>Checks that <paramref name="svg"/> is one SVG element with nothing that runs (no script, event handler or foreign object).</summary>
    /// <exception cref="ArgumentException">The text does not start with &lt;svg, or holds active content.</exception>
    public static void EnsureInert(string svg, string parameterName)
    {
        var trimmed = XmlDeclaration().Replace(svg, string.Empty).TrimStart();
        if (!trimmed.StartsWith("<svg", StringComparison.Ordinal))
            throw new ArgumentException(
                $"A figure must be an SVG element (as Plots returns), but it starts with '{Preview(trimmed)}'.", parameterName);
        foreach (Match tag in Tag().Matches(trimmed))
        {
            var active = ActiveTagContent().Match(tag.Value);
            if (active.Success)
                throw new ArgumentException(
                    $"A figure's SVG may not hold scripts, event handlers or foreign objects, but it has '{active.Value.Trim()}' " +
                    $"at character {tag.Index + active.Index}. Build figures with Plots.", parameterName);
        }
    }

    private static string CompactTag(string tag)
    {
        var compact = GlyphPositions().Replace(tag, match => $" {match.Groups["name"].Value}=\"{match.Groups["first"].Value.Trim()}\"");
        return LongDecimal().Replace(compact, number =>
        {
            var value = double.Parse(number.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
        });
    }

    // Scatter markers come as one <ellipse> per point, each repeating its fill: runs of equal filled circles become one
    // <g> holding the fill and short <circle> elements, which halves a 2,000-point scatter and draws exactly the same.
    private static string GroupCircles(string svg)
    {
        var lines = svg.Split('\n');
        var builder = new StringBuilder(svg.Length);
        string? openStyle = null;
        foreach (var line in lines)
        {
            var circle = FilledCircle().Match(line);
            var style = circle.Success ? circle.Groups["style"].Value : null;
            if (openStyle is not null && style != openStyle)
            {
                builder.Append("</g>\n");
                openStyle = null;
            }
            if (style is null)
            {
                builder.Append(line).Append('\n');
                continue;
            }
            if (openStyle is null)
            {
                builder.Append("<g ").Append(style).Append(">\n");
                openStyle = style;
            }
            builder.Append("<circle cx=\"").Append(circle.Groups["x"].Value).Append("\" cy=\"").Append(circle.Groups["y"].Value)
                .Append("\" r=\"").Append(circle.Groups["r"].Value).Append("\"/>\n");
        }
        if (openStyle is not null)
            builder.Append("</g>\n");
        return builder.ToString(0, builder.Length - 1);
    }

    private static string WithFallbacks(string family)
    {
        var families = family.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Concat(FontFallbacks.Split(',', StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return string.Join(", ", families);
    }

    private static string MakeBold(string svg, string text)
    {
        var content = ">" + System.Security.SecurityElement.Escape(text) + "</text>";
        var end = svg.IndexOf(content, StringComparison.Ordinal);
        if (end < 0)
            return svg;
        var start = svg.LastIndexOf("<text", end, StringComparison.Ordinal);
        return start < 0 ? svg : svg.Insert(start + "<text".Length, " font-weight=\"bold\"");
    }

    private static string AddViewBox(string startTag, string accessibleName)
    {
        string? width = null;
        string? height = null;
        foreach (Match size in SizeAttribute().Matches(startTag))
        {
            if (size.Groups[1].Value == "width")
                width = size.Groups[2].Value;
            else
                height = size.Groups[2].Value;
        }
        var builder = new StringBuilder(startTag, 0, startTag.Length - 1, startTag.Length + 96);
        if (width is not null && height is not null && !startTag.Contains("viewBox", StringComparison.Ordinal))
            builder.Append(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\"");
        builder.Append(" class=\"plot\" role=\"img\"");
        if (!string.IsNullOrWhiteSpace(accessibleName))
            builder.Append(" aria-label=\"").Append(Html.Escape(accessibleName)).Append('"');
        return builder.Append('>').ToString();
    }

    private static string Preview(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
