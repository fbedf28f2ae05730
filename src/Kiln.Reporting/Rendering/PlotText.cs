namespace Kiln.Reporting.Rendering;

// Labels drawn inside plots: user strings (column names, class labels) can be long or hold control characters;
// a plot shows a clean, bounded form and the tables around it show the full text.
internal static class PlotText
{
    public static string Clean(string? text, int maxLength)
    {
        var clean = Html.RemoveForbiddenCharacters(text).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return clean.Length <= maxLength ? clean : string.Concat(clean.AsSpan(0, maxLength - 1), "\u2026");
    }
}
