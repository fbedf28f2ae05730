using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kiln.Core;
using Kiln.Core.Persistence;

namespace Kiln.Tracking.Registry;

/// <summary>Builds what the registry records about a <c>model.kiln</c> from the bundle itself.</summary>
/// <remarks>
/// The run id and data version come from the manifest's lineage (<c>run_id</c>, <c>data_version</c>, as <c>kiln run</c>
/// writes them), the test metrics from its metrics, the signature from its input columns and output. <c>kiln run</c>
/// registers its selected model with <c>registry.Register(name, ModelRegistration.FromBundle(path))</c>.
/// </remarks>
public static class ModelRegistration
{
    /// <summary>The lineage key of the run id.</summary>
    public const string RunIdKey = "run_id";

    /// <summary>The lineage key of the data version.</summary>
    public const string DataVersionKey = "data_version";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Loads the bundle at <paramref name="bundlePath"/> (so a bundle that does not load is never registered) and describes it as a new version.</summary>
    /// <param name="bundlePath">The <c>model.kiln</c> file.</param>
    /// <param name="bundleLocation">Where the registry should say the bundle is (an <c>s3://</c> URI of an uploaded copy, say); default the file's full path.</param>
    /// <param name="description">Free text about the version, or null.</param>
    /// <exception cref="KilnException">The file is missing, or is not a valid bundle, or its lineage holds a run id that is not a valid name.</exception>
    public static NewModelVersion FromBundle(string bundlePath, string? bundleLocation = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);
        var fullPath = Path.GetFullPath(bundlePath);
        if (!File.Exists(fullPath))
            throw new KilnException($"The bundle {fullPath} does not exist; pass the model.kiln of a run (in its job folder).");
        LoadedBundle bundle;
        try
        {
            bundle = ModelBundle.LoadBundle(fullPath);
        }
        catch (BundleFormatException exception)
        {
            throw new KilnException($"The bundle {fullPath} cannot be registered because it does not load: {exception.Message}", exception);
        }
        var manifest = bundle.Manifest;
        var runId = manifest.Lineage.TryGetValue(RunIdKey, out var run) ? run : null;
        if (runId is not null && !TrackingNames.IsValidName(runId))
            throw new KilnException($"The bundle {fullPath} records run id '{TrackingNames.Display(runId)}', which is not a valid run id ({TrackingNames.Rule}); it was not registered.");
        var dataVersion = manifest.Lineage.TryGetValue(DataVersionKey, out var data) && data.Length > 0 ? data : null;
        return new NewModelVersion
        {
            BundleLocation = bundleLocation ?? fullPath,
            Signature = Signature(manifest),
            RunId = runId,
            DataVersion = dataVersion,
            TestMetrics = new Dictionary<string, double>(manifest.Metrics, StringComparer.Ordinal),
            Description = description,
        };
    }

    /// <summary>
    /// The signature of a bundle as compact JSON: <c>{"inputs":[{"name":…,"kind":…},…],"output":{"task":…,"classes":[…]}}</c>,
    /// kinds in snake case (<c>numeric</c>, <c>categorical</c>, <c>boolean</c>, <c>date_time</c>), <c>output</c> null for a
    /// model that does not predict and <c>classes</c> null for a regressor.
    /// </summary>
    public static string Signature(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("inputs");
            foreach (var column in manifest.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(column.Kind.ToString()));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (manifest.Output is { } output)
            {
                json.WriteStartObject("output");
                json.WriteString("task", output.Task);
                if (output.Classes is { } classes)
                {
                    json.WriteStartArray("classes");
                    foreach (var label in classes)
                        json.WriteStringValue(label);
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("classes");
                }
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("output");
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
