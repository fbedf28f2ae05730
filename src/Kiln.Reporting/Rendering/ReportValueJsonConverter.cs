using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Reporting.Rendering;

// report.json writes a table cell as what it is: a string for text, a number (or a named literal for NaN) otherwise.
internal sealed class ReportValueJsonConverter : JsonConverter<ReportValue>
{
    public override ReportValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => ReportValue.OfText(reader.GetString() ?? string.Empty),
            JsonTokenType.Number => ReportValue.OfNumber(reader.GetDouble()),
            _ => throw new JsonException($"A report table cell must be a string or a number, but is {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, ReportValue value, JsonSerializerOptions options)
    {
        switch (value.Kind)
        {
            case ReportValueKind.Text:
                writer.WriteStringValue(value.Text);
                break;
            case ReportValueKind.Count:
                writer.WriteNumberValue((long)value.Number);
                break;
            default:
                if (double.IsFinite(value.Number))
                    writer.WriteNumberValue(value.Number);
                else
                    writer.WriteStringValue(double.IsNaN(value.Number) ? "NaN" : value.Number > 0 ? "Infinity" : "-Infinity");
                break;
        }
    }
}
