using System.Globalization;
using Kiln.Core;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.Tracking.Registry;

namespace Kiln.Serving;

/// <summary>The models one server serves, by name and version; the first version listed for a name is what the bare name means.</summary>
public sealed class ModelCatalog
{
    private readonly ServedModel[] _models;

    /// <summary>A catalog of already loaded models.</summary>
    /// <exception cref="ArgumentException">No models, or one name and version listed twice.</exception>
    public ModelCatalog(IEnumerable<ServedModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = [.. models];
        if (_models.Length == 0)
            throw new ArgumentException("A server needs at least one model to serve.", nameof(models));
        var duplicate = _models.GroupBy(model => (model.Name, model.Version)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Model {duplicate.Key.Name}/{duplicate.Key.Version} is listed twice; list each version once.", nameof(models));
    }

    /// <summary>Every served version, in the order given.</summary>
    public IReadOnlyList<ServedModel> Models => _models;

    /// <summary>The distinct names, in the order first given.</summary>
    public IReadOnlyList<string> Names => [.. _models.Select(model => model.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>The versions served under <paramref name="name"/>, default first.</summary>
    public IReadOnlyList<ServedModel> VersionsOf(string name) => [.. _models.Where(model => model.Name == name)];

    /// <summary>The version <paramref name="version"/> of <paramref name="name"/>, or the name's default version when <paramref name="version"/> is null; null when not served.</summary>
    public ServedModel? Find(string name, int? version = null) =>
        _models.FirstOrDefault(model => model.Name == name && (version is null || model.Version == version));

    /// <summary>Resolves every reference through <paramref name="registry"/> and loads each distinct version's bundle once.</summary>
    /// <exception cref="KilnException">A reference does not resolve, a bundle is not a local file, is missing, or holds no pipeline.</exception>
    public static ModelCatalog Load(IModelRegistry registry, IEnumerable<ModelReference> references)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(references);
        var resolved = new List<(ModelVersion Version, List<string> References)>();
        foreach (var reference in references)
        {
            var version = registry.Resolve(reference);
            var existing = resolved.FindIndex(entry => entry.Version.Name == version.Name && entry.Version.Version == version.Version);
            if (existing >= 0)
                resolved[existing].References.Add(reference.ToString());
            else
                resolved.Add((version, [reference.ToString()]));
        }
        if (resolved.Count == 0)
            throw new KilnException("No model to serve: name at least one registered model as NAME, NAME@ALIAS or NAME/VERSION.");
        return new ModelCatalog(resolved.Select(entry => new ServedModel(entry.Version.Name, entry.Version.Version, entry.References, LoadPipeline(entry.Version, entry.References[0]))));
    }

    private static PipelineModel LoadPipeline(ModelVersion version, string reference)
    {
        var location = version.BundleLocation;
        var what = string.Create(CultureInfo.InvariantCulture, $"{reference} is version {version.Version} of '{version.Name}'");
        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            throw new KilnException($"{what}, whose bundle is in object storage ({location}); kiln serve reads local files. Download it and register the local copy.");
        if (!File.Exists(location))
            throw new KilnException($"{what}, registered with the bundle {location}, which no longer exists. Register the model again from where its model.kiln is now.");
        try
        {
            return ModelBundle.Load<PipelineModel>(location);
        }
        catch (BundleFormatException exception)
        {
            throw new KilnException($"{what}, but its bundle cannot be served: {exception.Message} kiln serve serves the pipelines 'kiln run' saves.", exception);
        }
    }
}
