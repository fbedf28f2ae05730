namespace Kiln.Core.Persistence;

/// <summary>What <see cref="ModelBundle.Save(Learners.IModel, string, BundleSaveOptions?)"/> records in the manifest beside the model.</summary>
public sealed record BundleSaveOptions
{
    /// <summary>Free text facts about where the model came from: run id, data version, seed, code version.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, string> Lineage { get; init; } = new Dictionary<string, string>();

    /// <summary>Numbers to keep with the model, such as test scores.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The clock for the manifest's creation time and the zip entries' timestamps.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
