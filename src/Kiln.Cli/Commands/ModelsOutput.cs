using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kiln.Tracking.Registry;

namespace Kiln.Cli.Commands;

/// <summary>How <c>kiln models</c> prints models and versions: aligned tables, or JSON (one value, snake-case keys).</summary>
/// <remarks>
/// JSON shapes: a model is <c>{"name", "description", "created", "aliases": {alias: version}, "versions": [version…]}</c>;
/// a version is <c>{"name", "version", "run_id", "aliases": [..], "data_version", "bundle", "created", "description",
/// "test_metrics": {name: value}, "signature": {…}}</c>. Times are ISO 8601 UTC; a metric that is not finite is null.
/// </remarks>
internal static class ModelsOutput
{
    private static readonly string[] Headline = ["accuracy", "f1_macro", "roc_auc_ovr_macro", "roc_auc", "log_loss", "r2", "rmse", "mae"];

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteModelsJson(TextWriter output, IReadOnlyList<RegisteredModel> models) => WriteJson(output, json =>
    {
        json.WriteStartArray();
        foreach (var model in models)
            WriteModel(json, model);
        json.WriteEndArray();
    });

    public static void WriteModelJson(TextWriter output, RegisteredModel model) => WriteJson(output, json => WriteModel(json, model));

    public static void WriteVersionJson(TextWriter output, ModelVersion version) => WriteJson(output, json => WriteVersion(json, version));

    public static void WriteModelsTable(TextWriter output, IReadOnlyList<RegisteredModel> models)
    {
        List<string[]> rows = [["model", "versions", "latest", "aliases", "latest run", "created"]];
        foreach (var model in models)
        {
            rows.Add([
                model.Name,
                model.Versions.Count.ToString(CultureInfo.InvariantCulture),
                model.Latest is { } latest ? latest.Version.ToString(CultureInfo.InvariantCulture) : "-",
                Aliases(model.Aliases),
                model.Latest?.RunId ?? "-",
                Time(model.Created),
            ]);
        }
        WriteTable(output, rows);
    }

    public static void WriteModelText(TextWriter output, RegisteredModel model)
    {
        output.WriteLine($"model        {model.Name}");
        if (model.Description is not null)
            output.WriteLine($"description  {model.Description}");
        output.WriteLine($"created      {Time(model.Created)}");
        output.WriteLine($"aliases      {Aliases(model.Aliases)}");
        output.WriteLine();
        if (model.Versions.Count == 0)
        {
            output.WriteLine("no versions (all were deleted)");
            return;
        }
        var metricNames = HeadlineMetrics(model.Versions.SelectMany(version => version.TestMetrics.Keys), 4);
        List<string[]> rows = [["version", "aliases", "run", "data version", .. metricNames, "created"]];
        foreach (var version in model.Versions)
        {
            rows.Add([
                version.Version.ToString(CultureInfo.InvariantCulture),
                version.Aliases.Count == 0 ? "-" : string.Join(", ", version.Aliases),
                version.RunId ?? "-",
                version.DataVersion ?? "-",
                .. metricNames.Select(name => version.TestMetrics.TryGetValue(name, out var value) ? Number(value) : "-"),
                Time(version.Created),
            ]);
        }
        WriteTable(output, rows);
    }

    public static void WriteVersionText(TextWriter output, ModelVersion version)
    {
        output.WriteLine($"model         {version.Reference}");
        output.WriteLine($"aliases       {(version.Aliases.Count == 0 ? "-" : string.Join(", ", version.Aliases))}");
        if (version.Description is not null)
            output.WriteLine($"description   {version.Description}");
        output.WriteLine($"run           {version.RunId ?? "-"}");
        output.WriteLine($"data version  {version.DataVersion ?? "-"}");
        output.WriteLine($"bundle        {version.BundleLocation}");
        output.WriteLine($"created       {Time(version.Created)}");
        output.WriteLine($"signature     {DescribeSignature(version.Signature)}");
        if (version.TestMetrics.Count == 0)
        {
            output.WriteLine("test metrics  -");
            return;
        }
        output.WriteLine("test metrics");
        var width = version.TestMetrics.Keys.Max(key => key.Length);
        foreach (var (name, value) in version.TestMetrics.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            output.WriteLine($"  {name.PadRight(width)}  {Number(value)}");
    }

    /// <summary>
    /// Up to <paramref name="count"/> of <paramref name="names"/> to show in a line or a table: the usual headline metrics
    /// first (accuracy, f1_macro, roc_auc, log_loss, r2, rmse, mae), then the rest in ordinal order.
    /// </summary>
    public static string[] HeadlineMetrics(IEnumerable<string> names, int count)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToArray();
        return [.. distinct.OrderBy(name => Array.IndexOf(Headline, name) is var rank and >= 0 ? rank : Headline.Length).ThenBy(name => name, StringComparer.Ordinal).Take(count)];
    }

    /// <summary>A metric value as the tables show it: up to 4 decimals, or <c>nan</c>/<c>inf</c>.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();

    private static void WriteModel(Utf8JsonWriter json, RegisteredModel model)
    {
        json.WriteStartObject();
        json.WriteString("name", model.Name);
        WriteNullable(json, "description", model.Description);
        json.WriteString("created", Time(model.Created));
        json.WriteStartObject("aliases");
        foreach (var (alias, version) in model.Aliases.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            json.WriteNumber(alias, version);
        json.WriteEndObject();
        json.WriteStartArray("versions");
        foreach (var version in model.Versions)
            WriteVersion(json, version);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter json, ModelVersion version)
    {
        json.WriteStartObject();
        json.WriteString("name", version.Name);
        json.WriteNumber("version", version.Version);
        WriteNullable(json, "run_id", version.RunId);
        json.WriteStartArray("aliases");
        foreach (var alias in version.Aliases)
            json.WriteStringValue(alias);
        json.WriteEndArray();
        WriteNullable(json, "data_version", version.DataVersion);
        json.WriteString("bundle", version.BundleLocation);
        json.WriteString("created", Time(version.Created));
        WriteNullable(json, "description", version.Description);
        json.WriteStartObject("test_metrics");
        foreach (var (name, value) in version.TestMetrics.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (double.IsFinite(value))
                json.WriteNumber(name, value);
            else
                json.WriteNull(name);
        }
        json.WriteEndObject();
        json.WritePropertyName("signature");
        try
        {
            using var signature = JsonDocument.Parse(version.Signature);
            signature.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(version.Signature);
        }
        json.WriteEndObject();
    }

    private static string DescribeSignature(string signature)
    {
        try
        {
            using var document = JsonDocument.Parse(signature);
            var root = document.RootElement;
            var inputs = root.TryGetProperty("inputs", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(input => $"{input.GetProperty("name").GetString()} ({input.GetProperty("kind").GetString()})").ToArray()
                : [];
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{inputs.Length} inputs: {string.Join(", ", inputs)}"));
            if (root.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object)
            {
                text.Append("; ").Append(output.GetProperty("task").GetString());
                if (output.TryGetProperty("classes", out var classes) && classes.ValueKind == JsonValueKind.Array)
                    text.Append(" of ").AppendJoin(", ", classes.EnumerateArray().Select(label => label.GetString()));
            }
            return text.ToString();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return signature;
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            write(json);
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Aliases(IReadOnlyDictionary<string, int> aliases) => aliases.Count == 0
        ? "-"
        : string.Join(", ", aliases.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} → {pair.Value}")));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteTable(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
    }
}
