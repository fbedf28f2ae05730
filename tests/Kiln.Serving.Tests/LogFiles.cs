using System.Text.Json.Nodes;

namespace Kiln.Serving.Tests;

/// <summary>Reads a model's prediction or feedback log files, oldest first.</summary>
internal static class LogFiles
{
    public static string[] Files(string folder, string prefix) =>
        Directory.Exists(folder) ? [.. Directory.GetFiles(folder, prefix + "-*.jsonl").Order(StringComparer.Ordinal)] : [];

    public static List<JsonObject> Lines(string folder, string prefix) =>
        [.. Files(folder, prefix).SelectMany(File.ReadAllLines).Select(line => JsonNode.Parse(line)!.AsObject())];
}
