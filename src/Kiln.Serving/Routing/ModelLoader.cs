using System.Globalization;
using Kiln.Core;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Routing;

/// <summary>Loads the pipeline of a registered version from its bundle, with messages that say which reference and file.</summary>
internal static class ModelLoader
{
    /// <param name="version">The registered version.</param>
    /// <param name="reference">The reference that resolved to it, for messages.</param>
    /// <param name="bundlePath">Turns the registered location into a local file (<see cref="RoutingOptions.BundlePath"/>); null: only local locations are served.</param>
    /// <exception cref="KilnException">The bundle cannot be fetched, is missing, or is not a servable pipeline.</exception>
    public static PipelineModel Load(ModelVersion version, string reference, Func<string, string>? bundlePath)
    {
        var location = version.BundleLocation;
        var what = string.Create(CultureInfo.InvariantCulture, $"{reference} is version {version.Version} of '{version.Name}'");
        var remote = location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);
        if (bundlePath is null && remote)
            throw new KilnException($"{what}, whose bundle is in object storage ({location}), and this server was started without a bundle fetcher (RoutingOptions.BundlePath); kiln serve sets one that downloads it into the store's .cache/bundles.");
        string path;
        try
        {
            path = bundlePath is null ? location : bundlePath(location);
        }
        catch (KilnException exception)
        {
            throw new KilnException($"{what}, whose bundle cannot be fetched: {exception.Message}", exception);
        }
        if (!File.Exists(path))
        {
            var where = path == location ? location : $"{location} (local copy {path})";
            throw new KilnException($"{what}, registered with the bundle {where}, which no longer exists. Register the model again from where its model.kiln is now.");
        }
        try
        {
            return ModelBundle.Load<PipelineModel>(path);
        }
        catch (BundleFormatException exception)
        {
            throw new KilnException($"{what}, but its bundle{(remote ? $" ({location})" : string.Empty)} cannot be served: {exception.Message} kiln serve serves the pipelines 'kiln run' saves.", exception);
        }
    }
}
