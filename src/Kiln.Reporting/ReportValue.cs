using System.Text.Json.Serialization;
using Kiln.Reporting.Rendering;

namespace Kiln.Reporting;

/// <summary>One cell of a <see cref="TableBlock"/>: text or a number, which the page formats by its kind and report.json writes raw.</summary>
[JsonConverter(typeof(ReportValueJsonConverter))]
public readonly record struct ReportValue
{
    private ReportValue(ReportValueKind kind, string? text, double number)
    {
        Kind = kind;
        Text = text;
        Number = number;
    }

    /// <summary>What the value holds.</summary>
    public ReportValueKind Kind { get; }

    /// <summary>The text of a <see cref="ReportValueKind.Text"/> value; null otherwise.</summary>
    public string? Text { get; }

    /// <summary>The number of any other kind; NaN for text.</summary>
    public double Number { get; }

    /// <summary>A text cell.</summary>
    public static ReportValue OfText(string text) => new(ReportValueKind.Text, text ?? string.Empty, double.NaN);

    /// <summary>A measurement, shown with 4 significant digits.</summary>
    public static ReportValue OfNumber(double value) => new(ReportValueKind.Number, null, value);

    /// <summary>A count, shown with thousands separators.</summary>
    public static ReportValue OfCount(long value) => new(ReportValueKind.Count, null, value);

    /// <summary>A fraction of a whole (0.25), shown as a percentage (25.0%).</summary>
    public static ReportValue OfShare(double fraction) => new(ReportValueKind.Share, null, fraction);

    /// <summary>The value as the page shows it.</summary>
    public override string ToString() => Kind switch
    {
        ReportValueKind.Text => Text ?? string.Empty,
        ReportValueKind.Count => Formats.Count((long)Number),
        ReportValueKind.Share => Formats.Share(Number),
        _ => Formats.Number(Number),
    };
}
