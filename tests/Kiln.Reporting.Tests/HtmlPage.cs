using System.Xml;
using System.Xml.Linq;

namespace Kiln.Reporting.Tests;

/// <summary>The report page parsed strictly as XML, with queries the structure tests share.</summary>
internal static class HtmlPage
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the page; throws <see cref="XmlException"/> at the first unbalanced tag, bad entity or stray '&lt;'.</summary>
    public static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    public static IEnumerable<XElement> Elements(XDocument page, string localName) =>
        page.Descendants().Where(element => element.Name.LocalName == localName);

    public static string[] SectionIds(XDocument page) =>
        Elements(page, "section").Select(section => (string?)section.Attribute("id") ?? string.Empty).ToArray();
}
