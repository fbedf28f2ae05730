using System.Text;

namespace Kiln.Reporting.Rendering;

// Escaping for text that reaches the page. Column names, category values, paths and messages come from user files,
// so every string goes through Escape; the markup is also well-formed XML, which the tests check by parsing it.
internal static class Html
{
    /// <summary>The text with &amp; &lt; &gt; " ' escaped and characters XML forbids (controls, U+FFFE, U+FFFF) replaced by U+FFFD.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            var replacement = character switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when IsForbidden(character) => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                builder?.Append(character);
                continue;
            }
            builder ??= new StringBuilder(text, 0, i, text.Length + 16);
            builder.Append(replacement);
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>The text with the characters XML forbids replaced, unescaped (for labels drawn inside plots, which the plot library escapes).</summary>
    public static string RemoveForbiddenCharacters(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        if (!text.Any(IsForbidden))
            return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = IsForbidden(source[i]) ? '\uFFFD' : source[i];
        });
    }

    private static bool IsForbidden(char character) =>
        (character < ' ' && character is not ('\t' or '\n' or '\r')) || character is '\uFFFE' or '\uFFFF';
}
