using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>A model read from a bundle, with the bundle's manifest.</summary>
/// <param name="Model">The model, already checked against the manifest's kind and input signature.</param>
/// <param name="Manifest">The bundle's manifest.</param>
public sealed record LoadedBundle(IModel Model, BundleManifest Manifest);
