namespace Kiln.Core.Data;

/// <summary>A byte range of a CSV file that starts at a record boundary, read by its own reader.</summary>
/// <param name="Start">The first byte.</param>
/// <param name="End">The byte after the last.</param>
/// <param name="LinesBefore">The physical lines before <paramref name="Start"/>, so that messages name lines of the whole file.</param>
/// <param name="FieldCount">The number of fields each record must have, or <see langword="null"/> to take the part's first record's.</param>
internal readonly record struct CsvPart(long Start, long End, long LinesBefore, int? FieldCount);
