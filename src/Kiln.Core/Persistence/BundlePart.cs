namespace Kiln.Core.Persistence;

/// <summary>One model part of a bundle: the root model (path <c>model</c>) or a nested one (a pipeline's step, an ensemble's member).</summary>
/// <param name="Path">The part's folder inside the zip, e.g. <c>model</c> or <c>model/steps_0</c>.</param>
/// <param name="Kind">The part's model kind in <see cref="ModelKinds"/>.</param>
public sealed record BundlePart(string Path, string Kind);
