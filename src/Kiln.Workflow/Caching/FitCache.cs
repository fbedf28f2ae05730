using System.Globalization;
using System.Text.Json;
using Kiln.Core;
using Kiln.Core.Metrics;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.Workflow.Steps;

namespace Kiln.Workflow.Caching;

/// <summary>The store's cache of fit results, by content hash (<see cref="FitKeys"/>): the scores of each cross-validation fold and the refitted model.</summary>
/// <remarks>
/// <para>
/// Layout under the store root: <c>.cache/fits/&lt;key&gt;/</c> holds a finished fit (<c>entry.json</c>, and <c>model.kiln</c> for
/// a refit); <c>.cache/checkpoints/&lt;key&gt;/</c> holds the checkpoint of a fit in progress, removed once its result is cached.
/// An entry is written in <c>.cache/tmp/</c> and renamed into place complete, so a run killed at any moment leaves either no
/// entry or a whole one; two runs caching the same key at once keep the first. An entry that cannot be read is ignored
/// (the fit runs again) and replaced.
/// </para>
/// <para>
/// Re-running a kiln.yaml after a failure, a cancellation or a killed process therefore repeats only the fits that had not
/// finished, and a long fit with checkpoints (the MLP's <c>checkpoint_every</c>) continues from its last checkpoint. A change
/// to the data, the configuration or a candidate's options changes the keys of exactly the fits it affects.
/// </para>
/// </remarks>
internal sealed class FitCache
{
    /// <summary>The cache's folder under the store root; like <c>.staging</c>, it cannot clash with a namespace folder.</summary>
    public const string FolderName = ".cache";

    private const string EntryFile = "entry.json";
    private const string ModelFile = "model.kiln";

    private readonly string _writerId;
    private readonly Action<long>? _checkpointSaved;
    private readonly Lock _gate = new();
    private readonly List<CacheEvent> _events = [];
    private int _temporaryCount;

    /// <summary>Opens the cache under <paramref name="storeRoot"/>.</summary>
    /// <param name="storeRoot">The store's root folder.</param>
    /// <param name="writerId">A name unique to this run (its run id), for temporary folders.</param>
    /// <param name="checkpointSaved">Called after each checkpoint save with its step; tests use it to interrupt a fit at a known point.</param>
    public FitCache(string storeRoot, string writerId, Action<long>? checkpointSaved = null)
    {
        _checkpointSaved = checkpointSaved;
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        ArgumentException.ThrowIfNullOrEmpty(writerId);
        Root = Path.Combine(storeRoot, FolderName);
        _writerId = writerId;
    }

    /// <summary>The cache's folder.</summary>
    public string Root { get; }

    /// <summary>What this run found and stored, in the order it happened.</summary>
    public IReadOnlyList<CacheEvent> Events
    {
        get
        {
            lock (_gate)
                return [.. _events];
        }
    }

    /// <summary>The checkpoint store of the fit with <paramref name="key"/>.</summary>
    public FileCheckpointStore Checkpoints(string key) => new(Path.Combine(Root, "checkpoints", Checked(key)), _checkpointSaved);

    /// <summary>The cached outcome of the fold fit with <paramref name="key"/>, when there is one.</summary>
    public bool TryGetFold(string key, string label, int fold, int repeat, out FoldOutcome outcome)
    {
        outcome = null!;
        var entry = Path.Combine(Root, "fits", Checked(key), EntryFile);
        if (!File.Exists(entry))
            return false;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(entry));
            var root = document.RootElement;
            var metrics = root.GetProperty("metrics").EnumerateArray().Select(ReadMetric).ToArray();
            outcome = new FoldOutcome(metrics, ReadCurves(root.GetProperty("curves")));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IOException)
        {
            Record(new CacheEvent("fold", label, fold, repeat, key, CacheOutcome.Unreadable, null));
            return false;
        }
        Record(new CacheEvent("fold", label, fold, repeat, key, CacheOutcome.Reused, null));
        return true;
    }

    /// <summary>Stores the outcome of the fold fit with <paramref name="key"/>; <paramref name="resumedFrom"/> is the checkpoint step the fit resumed from.</summary>
    public void PutFold(string key, string label, int fold, int repeat, FoldOutcome outcome, long? resumedFrom)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Publish(key, folder => JsonFiles.Write(Path.Combine(folder, EntryFile), json =>
        {
            json.WriteStartObject();
            json.WriteString("kind", "fold");
            json.WriteString("candidate", label);
            json.WriteNumber("fold", fold);
            json.WriteNumber("repeat", repeat);
            json.WriteStartArray("metrics");
            foreach (var metric in outcome.Metrics)
            {
                json.WriteStartObject();
                json.WriteString("name", metric.Name);
                if (metric.Succeeded)
                    WriteDouble(json, "value", metric.Value);
                else
                    json.WriteString("error", metric.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteCurves(json, outcome.Curves);
            json.WriteEndObject();
        }));
        Record(new CacheEvent("fold", label, fold, repeat, key, CacheOutcome.Stored, resumedFrom));
    }

    /// <summary>The cached refitted model with <paramref name="key"/> and its training curves, when there are.</summary>
    public bool TryGetRefit(string key, string label, out PipelineModel model, out RecordedCurves curves)
    {
        model = null!;
        curves = RecordedCurves.None;
        var folder = Path.Combine(Root, "fits", Checked(key));
        var entry = Path.Combine(folder, EntryFile);
        if (!File.Exists(entry))
            return false;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(entry));
            curves = ReadCurves(document.RootElement.GetProperty("curves"));
            model = ModelBundle.Load<PipelineModel>(Path.Combine(folder, ModelFile));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IOException or KilnException)
        {
            Record(new CacheEvent("refit", label, null, null, key, CacheOutcome.Unreadable, null));
            return false;
        }
        Record(new CacheEvent("refit", label, null, null, key, CacheOutcome.Reused, null));
        return true;
    }

    /// <summary>Stores the refitted model with <paramref name="key"/> and its training curves.</summary>
    public void PutRefit(string key, string label, PipelineModel model, RecordedCurves curves, long? resumedFrom, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(curves);
        Publish(key, folder =>
        {
            ModelBundle.Save(model, Path.Combine(folder, ModelFile), new BundleSaveOptions { TimeProvider = time });
            JsonFiles.Write(Path.Combine(folder, EntryFile), json =>
            {
                json.WriteStartObject();
                json.WriteString("kind", "refit");
                json.WriteString("candidate", label);
                WriteCurves(json, curves);
                json.WriteEndObject();
            });
        });
        Record(new CacheEvent("refit", label, null, null, key, CacheOutcome.Stored, resumedFrom));
    }

    /// <summary>Writes the entry in a temporary folder, then renames it into place; an unreadable entry in the way is replaced, a good one kept.</summary>
    private void Publish(string key, Action<string> write)
    {
        var destination = Path.Combine(Root, "fits", Checked(key));
        var temporary = Path.Combine(Root, "tmp", string.Create(CultureInfo.InvariantCulture, $"{_writerId}-{Interlocked.Increment(ref _temporaryCount)}"));
        Directory.CreateDirectory(temporary);
        try
        {
            write(temporary);
            foreach (var file in Directory.EnumerateFiles(temporary))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
                stream.Flush(flushToDisk: true);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (Directory.Exists(destination) && !File.Exists(Path.Combine(destination, EntryFile)))
                Directory.Delete(destination, recursive: true);
            try
            {
                Directory.Move(temporary, destination);
            }
            catch (IOException) when (Directory.Exists(destination))
            {
                // Another run cached the same fit first; the results are the same.
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
                Directory.Delete(temporary, recursive: true);
        }
    }

    private void Record(CacheEvent cacheEvent)
    {
        lock (_gate)
            _events.Add(cacheEvent);
    }

    private static string Checked(string key)
    {
        if (key.Length != 64 || !key.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException($"A fit cache key is 64 lowercase hexadecimal digits, not '{key}'.", nameof(key));
        return key;
    }

    private static MetricResult ReadMetric(JsonElement element)
    {
        var name = element.GetProperty("name").GetString() ?? throw new FormatException("A cached metric has no name.");
        return element.TryGetProperty("error", out var error)
            ? MetricResult.FromError(name, error.GetString() ?? string.Empty)
            : MetricResult.FromValue(name, ReadDouble(element.GetProperty("value")));
    }

    private static void WriteCurves(Utf8JsonWriter json, RecordedCurves curves)
    {
        json.WriteStartObject("curves");
        if (curves.BestStep is { } best)
            json.WriteNumber("best_step", best);
        json.WriteStartArray("metrics");
        foreach (var curve in curves.Curves)
        {
            json.WriteStartObject();
            json.WriteString("name", curve.Name);
            json.WriteStartArray("steps");
            foreach (var point in curve.Points)
                json.WriteNumberValue(point.Step);
            json.WriteEndArray();
            json.WriteStartArray("values");
            foreach (var point in curve.Points)
                WriteDouble(json, null, point.Value);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static RecordedCurves ReadCurves(JsonElement element)
    {
        long? best = element.TryGetProperty("best_step", out var bestElement) ? bestElement.GetInt64() : null;
        var curves = new List<RecordedCurve>();
        foreach (var metric in element.GetProperty("metrics").EnumerateArray())
        {
            var steps = metric.GetProperty("steps").EnumerateArray().Select(step => step.GetInt64()).ToArray();
            var values = metric.GetProperty("values").EnumerateArray().Select(ReadDouble).ToArray();
            if (steps.Length != values.Length)
                throw new FormatException("A cached curve has a different number of steps and values.");
            curves.Add(new RecordedCurve(metric.GetProperty("name").GetString()!, [.. steps.Zip(values, (step, value) => new CurvePoint(step, value))]));
        }
        return new RecordedCurves(curves, best);
    }

    /// <summary>A finite number as a JSON number (shortest round-trip form); NaN and infinities as the strings .NET prints for them.</summary>
    private static void WriteDouble(Utf8JsonWriter json, string? name, double value)
    {
        if (name is not null)
            json.WritePropertyName(name);
        if (double.IsFinite(value))
            json.WriteNumberValue(value);
        else
            json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private static double ReadDouble(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : element.GetDouble();
}
