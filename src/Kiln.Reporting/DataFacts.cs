namespace Kiln.Reporting;

/// <summary>The data file a run read: where it is, its size and the hash of its content.</summary>
/// <param name="Path">The file's path as the run saw it.</param>
/// <param name="RowCount">The number of rows read.</param>
/// <param name="ColumnCount">The number of columns read.</param>
/// <param name="ContentHash">The hash of the ingested data version.</param>
public sealed record DataFacts(string Path, long RowCount, int ColumnCount, string ContentHash);
