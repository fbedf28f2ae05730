using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiln.Core.Learners;

namespace Kiln.Workflow.Steps;

/// <summary>Writes the run's JSON files: indented, UTF-8, numbers in their shortest round-trip form, non-finite numbers as null.</summary>
internal static partial class JsonFiles
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // The files are read by programs and people, never embedded in HTML, so only what JSON requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON text <paramref name="write"/> produces, ending with a line break.</summary>
    public static string ToText(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            write(json);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes what <paramref name="write"/> produces to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Utf8JsonWriter> write) => File.WriteAllText(path, ToText(write), new UTF8Encoding(false));

    /// <summary>A number, or null when it is not finite (JSON has no NaN or infinity).</summary>
    public static void Number(Utf8JsonWriter json, double? value)
    {
        if (value is { } number && double.IsFinite(number))
            json.WriteNumberValue(number);
        else
            json.WriteNullValue();
    }

    /// <summary>A named number, or null when it is not finite.</summary>
    public static void Number(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        Number(json, value);
    }

    /// <summary>An array of integers.</summary>
    public static void Integers(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    /// <summary>An array of strings.</summary>
    public static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>Hyperparameters as a JSON object: numbers and booleans as such, lists as arrays, the rest as strings.</summary>
    public static void Options(Utf8JsonWriter json, string name, IReadOnlyList<KeyValuePair<string, HyperparameterValue>> options)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in options)
        {
            json.WritePropertyName(key);
            Value(json, value);
        }
        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, HyperparameterValue value)
    {
        if (value.IsNull)
        {
            json.WriteNullValue();
            return;
        }
        if (value.IsList)
        {
            json.WriteStartArray();
            foreach (var item in value.Items)
                Value(json, item);
            json.WriteEndArray();
            return;
        }
        var text = value.Text!;
        if (text is "true" or "false")
            json.WriteBooleanValue(text == "true");
        else if (JsonNumber().IsMatch(text))
            json.WriteRawValue(text);
        else
            json.WriteStringValue(text);
    }

    // JSON's number grammar (RFC 8259 §6), so that a hyperparameter written as a number keeps its exact text.
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
