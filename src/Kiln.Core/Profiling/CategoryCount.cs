namespace Kiln.Core.Profiling;

/// <summary>How often one category occurs.</summary>
/// <param name="Name">The category.</param>
/// <param name="Count">The number of rows holding it.</param>
/// <param name="Share">Its share of the non-missing values.</param>
public sealed record CategoryCount(string Name, int Count, double Share);
