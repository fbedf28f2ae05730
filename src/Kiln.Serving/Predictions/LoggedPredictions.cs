using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kiln.Serving.Routing;

namespace Kiln.Serving.Predictions;

/// <summary>
/// The prediction ids a server's log kept from before it started, read when it opens the log so that feedback for them is
/// accepted after a restart: the <c>predictions-*.jsonl</c> files of each served name, newest first, until a limit of ids.
/// </summary>
/// <remarks>
/// Each line is read only as far as its <c>id</c>, <c>model</c>, <c>version</c> and <c>role</c> members (the writer puts them
/// first). A shadow's lines repeat the ids of the predictions that answered and are passed over. A last line without its line
/// feed (torn by a crash) and a line that is not such an object are skipped and counted, never failing the start.
/// </remarks>
internal sealed class LoggedPredictions
{
    private const int BufferBytes = 1 << 20;

    private readonly List<(string Id, KnownPrediction Prediction)> _ids = [];

    private LoggedPredictions()
    {
    }

    /// <summary>The ids, oldest first, with the model name, version and role that answered them.</summary>
    public IReadOnlyList<(string Id, KnownPrediction Prediction)> Ids => _ids;

    /// <summary>The files read.</summary>
    public int Files { get; private set; }

    /// <summary>Lines that were not an object with a string <c>id</c>, the folder's <c>model</c> and an integer <c>version</c>.</summary>
    public int BadLines { get; private set; }

    /// <summary>Files whose last line had no line feed (a write cut short).</summary>
    public int TornLines { get; private set; }

    /// <summary>How long reading took.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>What was read, for the server's output: a line, and a second one when lines were skipped.</summary>
    public IEnumerable<string> Describe(string logFolder)
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"prediction log: remembered {Ids.Count} prediction ids for feedback from {Files} files under {logFolder} in {Elapsed.TotalMilliseconds:0} ms");
        if (BadLines + TornLines > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"prediction log: skipped {BadLines} lines that are not prediction lines and {TornLines} last lines cut short (a crash) under {logFolder}; their ids take no feedback");
        }
    }

    /// <summary>Reads the ids of the models <paramref name="names"/> under <paramref name="logFolder"/>, the newest <paramref name="limit"/> at most.</summary>
    public static LoggedPredictions Read(string logFolder, IEnumerable<string> names, int limit)
    {
        var started = Stopwatch.GetTimestamp();
        var files = names.Distinct(StringComparer.Ordinal)
            .SelectMany(name => FilesOf(Path.Combine(logFolder, name), name))
            .OrderByDescending(file => file.Written)
            .ThenByDescending(file => file.Sequence)
            .ToList();
        var newestFirst = new List<List<(string, KnownPrediction)>>();
        var total = 0;
        var result = new LoggedPredictions();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            foreach (var file in files)
            {
                if (total >= limit)
                    break;
                var lines = new List<(string, KnownPrediction)>();
                buffer = result.ReadFile(file.Path, file.Model, lines, buffer);
                if (lines.Count > limit - total)
                    lines.RemoveRange(0, lines.Count - (limit - total));
                newestFirst.Add(lines);
                total += lines.Count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        result._ids.Capacity = total;
        for (var index = newestFirst.Count - 1; index >= 0; index--)
            result._ids.AddRange(newestFirst[index]);
        result.Elapsed = Stopwatch.GetElapsedTime(started);
        return result;
    }

    private static IEnumerable<(string Path, string Model, DateTime Written, int Sequence)> FilesOf(string folder, string model)
    {
        if (!Directory.Exists(folder))
            yield break;
        var prefix = PredictionLog.PredictionsPrefix;
        foreach (var path in Directory.EnumerateFiles(folder, prefix + "-*.jsonl"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (int.TryParse(name.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                yield return (path, model, File.GetLastWriteTimeUtc(path), sequence);
        }
    }

    // Reads the file in blocks, line by line; returns the buffer, grown when a line is longer than it.
    private byte[] ReadFile(string path, string model, List<(string, KnownPrediction)> lines, byte[] buffer)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Deleted or unreadable since it was listed: it holds nothing this server can use.
            return buffer;
        }
        Files++;
        using (stream)
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                    break;
                filled += read;
                var start = 0;
                while (true)
                {
                    var end = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                    if (end < 0)
                        break;
                    ReadLine(buffer.AsSpan(start, end), model, lines);
                    start += end + 1;
                }
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
            if (filled > 0)
                TornLines++;
        }
        return buffer;
    }

    private void ReadLine(ReadOnlySpan<byte> line, string model, List<(string, KnownPrediction)> lines)
    {
        if (line.IsEmpty)
            return;
        string? id = null;
        int? version = null;
        var sameModel = false;
        var role = ServingRole.Champion;
        var roleSeen = false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                BadLines++;
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !(id is not null && version is not null && sameModel && roleSeen))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    sameModel = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(model);
                }
                else if (reader.ValueTextEquals("version"u8))
                {
                    reader.Read();
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) ? number : null;
                }
                else if (reader.ValueTextEquals("role"u8))
                {
                    reader.Read();
                    roleSeen = true;
                    if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("shadow"u8))
                        role = ServingRole.Shadow;
                    else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("canary"u8))
                        role = ServingRole.Canary;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            BadLines++;
            return;
        }
        if (id is null || version is null || !sameModel)
            BadLines++;
        else if (role != ServingRole.Shadow)
            lines.Add((id, new KnownPrediction(model, version.Value, role)));
    }
}
