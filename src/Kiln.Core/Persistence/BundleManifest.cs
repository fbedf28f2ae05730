using Kiln.Core.Data;

namespace Kiln.Core.Persistence;

/// <summary>The contents of a bundle's <c>manifest.json</c>: what the model is, what it takes and gives, where it came from, and the entries that hold it.</summary>
/// <param name="FormatVersion">The bundle format version (see <see cref="ModelBundle.FormatVersion"/>).</param>
/// <param name="KilnVersion">The version of Kiln that wrote the bundle.</param>
/// <param name="Kind">The root model's kind in <see cref="ModelKinds"/>.</param>
/// <param name="CreatedAt">When the bundle was written, from the saver's <see cref="TimeProvider"/>.</param>
/// <param name="Inputs">The input signature: the model's input columns' names and kinds, in order.</param>
/// <param name="Output">What the model predicts, or <see langword="null"/> for models that do not predict (transformers).</param>
/// <param name="Lineage">Free text facts the caller recorded: run id, data version, seed, code version.</param>
/// <param name="Metrics">Numbers the caller recorded, such as test scores.</param>
/// <param name="Parts">The model parts, the root first.</param>
/// <param name="Entries">The data entries with their formats, lengths and SHA-256 hashes.</param>
public sealed record BundleManifest(
    int FormatVersion,
    string KilnVersion,
    string Kind,
    DateTimeOffset CreatedAt,
    Schema Inputs,
    BundleOutput? Output,
    IReadOnlyDictionary<string, string> Lineage,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<BundlePart> Parts,
    IReadOnlyList<BundleEntry> Entries);
