using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Kiln.Serving.Requests;

/// <summary>
/// Writes the answers of <c>/invocations</c> and v2 inference with a <see cref="Utf8JsonWriter"/> straight to UTF-8 bytes:
/// no JSON node per value. The bytes are what the node trees wrote (same member order, number format and escaping).
/// </summary>
internal static class Answers
{
    public const string JsonContentType = "application/json";

    /// <summary><c>{"predictions": [...]}</c>, with <c>classes</c> and <c>probabilities</c> (one array per row) when given.</summary>
    public static IResult Invocations(ServedModel served, double[] predictions, double[]? probabilities)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (predictions.Length * 24));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("predictions"u8);
            WritePredictions(writer, served, predictions);
            if (probabilities is not null)
            {
                var classes = served.Classes!;
                writer.WritePropertyName("classes"u8);
                WriteStrings(writer, classes);
                writer.WritePropertyName("probabilities"u8);
                writer.WriteStartArray();
                for (var row = 0; row < predictions.Length; row++)
                    WriteNumbers(writer, probabilities.AsSpan(row * classes.Count, classes.Count));
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory, JsonContentType);
    }

    /// <summary>The v2 inference answer: <c>model_name</c>, <c>model_version</c>, <c>id</c>, and the <c>predictions</c> (and a classifier's <c>probabilities</c>) tensors.</summary>
    public static IResult Inference(ServedModel served, string id, double[] predictions, double[]? probabilities)
    {
        var rows = predictions.Length;
        var classes = served.Classes;
        var buffer = new ArrayBufferWriter<byte>(256 + (rows * 24 * (1 + (classes?.Count ?? 0))));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name"u8, served.Name);
            writer.WriteString("model_version"u8, served.Version.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("id"u8, id);
            writer.WritePropertyName("outputs"u8);
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("name"u8, "predictions"u8);
            writer.WriteString("datatype"u8, classes is null ? "FP64"u8 : "BYTES"u8);
            writer.WritePropertyName("shape"u8);
            writer.WriteStartArray();
            writer.WriteNumberValue(rows);
            writer.WriteEndArray();
            writer.WritePropertyName("data"u8);
            WritePredictions(writer, served, predictions);
            writer.WriteEndObject();
            if (probabilities is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("name"u8, "probabilities"u8);
                writer.WriteString("datatype"u8, "FP64"u8);
                writer.WritePropertyName("shape"u8);
                writer.WriteStartArray();
                writer.WriteNumberValue(rows);
                writer.WriteNumberValue(classes!.Count);
                writer.WriteEndArray();
                writer.WritePropertyName("data"u8);
                WriteNumbers(writer, probabilities);
                writer.WritePropertyName("parameters"u8);
                writer.WriteStartObject();
                writer.WritePropertyName("classes"u8);
                WriteStrings(writer, classes);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory, JsonContentType);
    }

    // Class labels for a classifier (a prediction is an index into its classes), numbers for a regressor.
    private static void WritePredictions(Utf8JsonWriter writer, ServedModel served, double[] predictions)
    {
        if (served.Classes is { } classes)
        {
            writer.WriteStartArray();
            foreach (var index in predictions)
                writer.WriteStringValue(classes[(int)index]);
            writer.WriteEndArray();
        }
        else
        {
            WriteNumbers(writer, predictions);
        }
    }

    private static void WriteNumbers(Utf8JsonWriter writer, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
            writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, IReadOnlyList<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
