using System.Globalization;
using Kiln.Core;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Routing;

/// <summary>Loads the pipeline of a registered version from its bundle, with messages that say which reference and file.</summary>
internal static class ModelLoader
{
    /// <exception cref="KilnException">The bundle is in object storage, missing, or not a servable pipeline.</exception>
    public static PipelineModel Load(ModelVersion version, string reference)
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
