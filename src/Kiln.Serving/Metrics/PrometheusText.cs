using System.Globalization;
using System.Text;

namespace Kiln.Serving.Metrics;

/// <summary>Writes the Prometheus text exposition format 0.0.4: HELP and TYPE lines, then samples <c>name{label="value"} number</c>.</summary>
internal sealed class PrometheusText
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a metric family: its HELP and TYPE lines.</summary>
    public void Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>Writes one sample; <paramref name="labels"/> are name and raw value pairs, escaped here.</summary>
    public void Sample(string name, ReadOnlySpan<(string Name, string Value)> labels, double value)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var index = 0; index < labels.Length; index++)
            {
                if (index > 0)
                    _text.Append(',');
                _text.Append(labels[index].Name).Append("=\"").Append(EscapeLabel(labels[index].Value)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    /// <summary>Escapes a label value: backslash, double quote and line feed become <c>\\</c>, <c>\"</c> and <c>\n</c>.</summary>
    public static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Formats a sample value or bucket bound as the format writes it (<c>+Inf</c> for infinity).</summary>
    public static string Number(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
