using System.Text;
using System.Text.Json;
using Kiln.Core.IO;
using Kiln.Reporting.Rendering;

namespace Kiln.Reporting;

/// <summary>Writes a <see cref="RunReport"/> as report.html (one self-contained page) and report.json (the same numbers).</summary>
/// <remarks>
/// The page has its CSS and plots (SVG) inline and references nothing outside itself: no script, stylesheet, image or
/// font file (it uses the system's fonts), and a Content-Security-Policy that tells the browser so. Every string from
/// the report is HTML-escaped. It reads on a laptop screen and prints on A4 or Letter.
/// report.json is the report model in snake_case; large arrays hold what the plots draw (see <see cref="Curve"/> and
/// <see cref="PredictionSample"/>). Writing to a path is atomic: the file appears whole or not at all.
/// </remarks>
public static class ReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The report as an HTML page.</summary>
    /// <exception cref="ArgumentException">The report is inconsistent (a confusion matrix that does not match its labels, a figure that is not inert SVG, …); the message says where.</exception>
    public static string ToHtml(RunReport report) => HtmlReport.Render(report);

    /// <summary>Writes the report as an HTML page (UTF-8) to <paramref name="destination"/>, which stays open.</summary>
    /// <exception cref="ArgumentException">As <see cref="ToHtml"/>, or the stream cannot be written.</exception>
    public static void WriteHtml(RunReport report, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        EnsureWritable(destination);
        destination.Write(Utf8.GetBytes(ToHtml(report)));
    }

    /// <summary>Writes the report as an HTML page (UTF-8) to <paramref name="path"/>, replacing any file there only once the page is complete.</summary>
    /// <exception cref="ArgumentException">As <see cref="ToHtml"/>; nothing is written.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void WriteHtml(RunReport report, string path) => AtomicFile.Write(path, Utf8.GetBytes(ToHtml(report)));

    /// <summary>The report as JSON: the model in snake_case, indented, NaN written as "NaN".</summary>
    public static string ToJson(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, ReportJson.Options) + "\n";
    }

    /// <summary>Writes the report as JSON (UTF-8) to <paramref name="destination"/>, which stays open.</summary>
    /// <exception cref="ArgumentException">The stream cannot be written.</exception>
    public static void WriteJson(RunReport report, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        EnsureWritable(destination);
        destination.Write(Utf8.GetBytes(ToJson(report)));
    }

    /// <summary>Writes the report as JSON (UTF-8) to <paramref name="path"/>, replacing any file there only once the JSON is complete.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void WriteJson(RunReport report, string path) => AtomicFile.Write(path, Utf8.GetBytes(ToJson(report)));

    private static void EnsureWritable(Stream destination)
    {
        if (!destination.CanWrite)
            throw new ArgumentException("The report cannot be written: the stream is read-only.", nameof(destination));
    }
}
