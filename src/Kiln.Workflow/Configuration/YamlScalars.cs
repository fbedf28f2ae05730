using System.Globalization;
using System.Text;

namespace Kiln.Workflow.Configuration;

/// <summary>Writes one YAML scalar by hand (for commented templates): plain when that is unambiguous, else double-quoted.</summary>
internal static class YamlScalars
{
    private static readonly string[] Reserved = ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE"];

    public static string Format(string text)
    {
        if (IsPlainSafe(text))
            return text;
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case var control when char.IsControl(control):
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)control:x4}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    // Letters, digits and a few path characters, starting with a letter, digit, '.', '/' or '_', is read back as the same text.
    private static bool IsPlainSafe(string text) =>
        text.Length > 0
        && !Reserved.Contains(text, StringComparer.Ordinal)
        && (char.IsAsciiLetterOrDigit(text[0]) || text[0] is '.' or '/' or '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '_' or '-' or '+' or '(' or ')' or '=');
}
