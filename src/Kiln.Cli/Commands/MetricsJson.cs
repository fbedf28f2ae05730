using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kiln.Core.Metrics;

namespace Kiln.Cli.Commands;

/// <summary>Writes metrics as one JSON object keyed by scikit-learn's names; an undefined metric is <c>{"error": message}</c>.</summary>
/// <remarks>The output goes to a terminal or a pipe, never into HTML, so only what JSON itself requires is escaped.</remarks>
internal static class MetricsJson
{
    public static void Write(TextWriter output, IReadOnlyList<MetricResult> metrics, ConfusionMatrix? matrix, IReadOnlyList<string>? classes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var metric in metrics)
            {
                json.WritePropertyName(metric.Name);
                if (metric.Error is { } error)
                {
                    WriteError(json, error);
                }
                else if (metric.PerClass is { } values)
                {
                    json.WriteStartArray();
                    foreach (var value in values)
                        WriteNumber(json, value);
                    json.WriteEndArray();
                }
                else if (double.IsFinite(metric.Value))
                {
                    json.WriteNumberValue(metric.Value);
                }
                else
                {
                    WriteError(json, $"the value is {metric.Value}, which JSON cannot represent");
                }
            }
            if (matrix is not null && classes is not null)
            {
                json.WritePropertyName("confusion_matrix");
                json.WriteStartObject();
                json.WritePropertyName("labels");
                json.WriteStartArray();
                foreach (var label in classes)
                    json.WriteStringValue(label);
                json.WriteEndArray();
                json.WritePropertyName("matrix");
                json.WriteStartArray();
                foreach (var row in matrix.ToRows())
                {
                    json.WriteStartArray();
                    foreach (var cell in row)
                        json.WriteNumberValue(cell);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumberValue(value);
        else
            json.WriteNullValue();
    }

    private static void WriteError(Utf8JsonWriter json, string message)
    {
        json.WriteStartObject();
        json.WriteString("error", message);
        json.WriteEndObject();
    }
}
