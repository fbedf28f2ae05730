using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using Kiln.Core.IO;
using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>Saves and loads models as <c>.kiln</c> bundles (DESIGN §5).</summary>
/// <remarks>
/// A bundle is a zip holding <c>manifest.json</c> (format version, Kiln version, model kind, input signature, output,
/// lineage, metrics, creation time, and every entry's length and SHA-256) and the model's entries under <c>model/</c>:
/// JSON, raw little-endian arrays of float64 or int32, UTF-8 text, and nested model parts. Loading maps the manifest's
/// kind through the fixed table in <see cref="ModelKinds"/>; no type name from a file is instantiated and nothing in a
/// bundle is executed. Every size is checked against <see cref="BundleLimits"/> before anything is allocated.
/// </remarks>
public static class ModelBundle
{
    /// <summary>The bundle format this Kiln writes, and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The conventional file extension.</summary>
    public const string FileExtension = ".kiln";

    /// <summary>The version of Kiln recorded in the bundles it writes.</summary>
    public static string KilnVersion { get; } =
        typeof(ModelBundle).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelBundle).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/> atomically: a failed save leaves any existing file as it was.</summary>
    /// <remarks>The bundle is written to a temporary file in the same folder, flushed to disk, then moved over <paramref name="path"/>.</remarks>
    /// <exception cref="ArgumentException">The model's kind is not registered, or a lineage or metric key is empty.</exception>
    /// <exception cref="BundleFormatException">The model is larger than a bundle reader accepts.</exception>
    public static void Save(IModel model, string path, BundleSaveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Save(model, stream, options));
    }

    /// <summary>Writes <paramref name="model"/> as a bundle into <paramref name="destination"/>, which stays open.</summary>
    /// <exception cref="ArgumentException">The model's kind is not registered, or a lineage or metric key is empty.</exception>
    /// <exception cref="BundleFormatException">The model is larger than a bundle reader accepts.</exception>
    public static void Save(IModel model, Stream destination, BundleSaveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new BundleSaveOptions();
        ModelKinds.EnsureKnown(model.Kind, nameof(model));
        ArgumentNullException.ThrowIfNull(options.Lineage, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Metrics, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        foreach (var (key, value) in options.Lineage)
        {
            if (string.IsNullOrEmpty(key) || value is null)
                throw new ArgumentException("Lineage keys must be non-empty and values non-null.", nameof(options));
        }
        foreach (var key in options.Metrics.Keys)
        {
            if (string.IsNullOrEmpty(key))
                throw new ArgumentException("Metric names must be non-empty.", nameof(options));
        }

        var createdAt = options.TimeProvider.GetUtcNow();
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var package = new BundlePackage(zip, createdAt);
        package.AddPart(BundleNames.RootPart, model.Kind);
        model.Save(new BundleWriter(package, BundleNames.RootPart));
        var manifest = new ManifestDocument
        {
            FormatVersion = FormatVersion,
            KilnVersion = KilnVersion,
            Kind = model.Kind,
            CreatedAt = createdAt,
            Inputs = [.. model.InputSchema.Select(column => new InputDocument(column.Name, column.Kind))],
            Output = DescribeOutput(model) is { } output ? new OutputDocument(output.Task, output.Classes is null ? null : [.. output.Classes]) : null,
            Lineage = new SortedDictionary<string, string>(options.Lineage.ToDictionary(), StringComparer.Ordinal),
            Metrics = new SortedDictionary<string, double>(options.Metrics.ToDictionary(), StringComparer.Ordinal),
            Parts = [.. package.Parts],
            Entries = [.. package.Entries],
        };
        package.AddManifest(JsonSerializer.SerializeToUtf8Bytes(manifest, BundleJson.Options(BundleLimits.Default.MaxJsonDepth)));
    }

    /// <summary>Loads the model saved at <paramref name="path"/>.</summary>
    /// <exception cref="BundleFormatException">The file is not a valid bundle; the message names the file and the problem.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static IModel Load(string path, BundleLimits? limits = null) => LoadBundle(path, limits).Model;

    /// <summary>Loads the model saved at <paramref name="path"/> as a <typeparamref name="TModel"/>.</summary>
    /// <exception cref="BundleFormatException">The file is not a valid bundle, or it holds another type of model.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static TModel Load<TModel>(string path, BundleLimits? limits = null)
        where TModel : IModel
    {
        var model = Load(path, limits);
        return model is TModel typed
            ? typed
            : throw new BundleFormatException($"Model bundle '{path}' holds a '{model.Kind}' model ({model.GetType().Name}), not a {typeof(TModel).Name}.", path);
    }

    /// <summary>Loads the model saved at <paramref name="path"/>, with its manifest.</summary>
    /// <exception cref="BundleFormatException">The file is not a valid bundle; the message names the file and the problem.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static LoadedBundle LoadBundle(string path, BundleLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return LoadBundle(stream, path, limits);
    }

    /// <summary>Loads a model from a bundle that fills <paramref name="source"/> (a seekable stream is read in place; another is first copied, up to the file-size limit).</summary>
    /// <param name="source">The bundle's bytes; the stream stays open.</param>
    /// <param name="sourceName">The name to use in error messages, such as the file name or a registry address.</param>
    /// <param name="limits">Safety limits, or <see langword="null"/> for <see cref="BundleLimits.Default"/>.</param>
    /// <exception cref="BundleFormatException">The bytes are not a valid bundle; the message names the source and the problem.</exception>
    public static LoadedBundle LoadBundle(Stream source, string sourceName, BundleLimits? limits = null)
    {
        using var archive = Open(source, sourceName, limits);
        var manifest = archive.Manifest;
        if (!archive.TryGetPart(BundleNames.RootPart, out var root))
            throw archive.Error($"it has no root part '{BundleNames.RootPart}'");
        var model = archive.LoadPart(root);
        archive.VerifyRemainingEntries();
        CheckAgainstManifest(archive, model, manifest);
        return new LoadedBundle(model, manifest);
    }

    /// <summary>Reads and checks the manifest of the bundle at <paramref name="path"/> without loading the model (entries' hashes are not checked).</summary>
    /// <exception cref="BundleFormatException">The file is not a valid bundle.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static BundleManifest ReadManifest(string path, BundleLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var archive = Open(stream, path, limits);
        return archive.Manifest;
    }

    internal static BundleOutput? DescribeOutput(IModel model) => model switch
    {
        Preparation.PipelineModel pipeline => DescribeOutput(pipeline.Predictor),
        IClassifierModel classifier => new BundleOutput(BundleOutput.Classification, [.. classifier.Classes]),
        IPredictor => new BundleOutput(BundleOutput.Regression, null),
        _ => null,
    };

    private static BundleArchive Open(Stream source, string sourceName, BundleLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        limits ??= BundleLimits.Default;
        limits.Validate();
        if (source.CanSeek)
            return BundleArchive.Open(source, sourceName, limits);
        var copy = new MemoryStream();
        try
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                if (copy.Length + read > limits.MaxFileBytes)
                    throw new BundleFormatException($"Cannot load model bundle '{sourceName}': it is longer than the limit of {limits.MaxFileBytes} bytes (BundleLimits.MaxFileBytes).", sourceName);
                copy.Write(buffer, 0, read);
            }
            copy.Position = 0;
            return BundleArchive.Open(copy, sourceName, limits, ownsStream: true);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    private static void CheckAgainstManifest(BundleArchive archive, IModel model, BundleManifest manifest)
    {
        var schema = model.InputSchema;
        var matches = schema.Count == manifest.Inputs.Count;
        for (var i = 0; matches && i < schema.Count; i++)
            matches = schema[i].Name == manifest.Inputs[i].Name && schema[i].Kind == manifest.Inputs[i].Kind;
        if (!matches)
            throw archive.Error($"the model's input columns ({schema}) differ from the manifest's input signature ({manifest.Inputs})");
        var output = DescribeOutput(model);
        var same = output is null
            ? manifest.Output is null
            : manifest.Output is not null && output.Task == manifest.Output.Task
                && (output.Classes ?? []).SequenceEqual(manifest.Output.Classes ?? [], StringComparer.Ordinal);
        if (!same)
            throw archive.Error("the model's output (task or classes) differs from the manifest's output description");
    }
}
