namespace Kiln.Core.Profiling;

/// <summary>How many rows belong to one class.</summary>
/// <param name="Label">The class label, as <see cref="Learners.ClassLabels"/> writes it.</param>
/// <param name="Count">The number of rows of the class.</param>
/// <param name="Share">Its share of the rows whose target is present.</param>
public sealed record ClassShare(string Label, int Count, double Share);
