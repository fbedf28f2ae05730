namespace Kiln.Core.Data;

/// <summary>One column's name, kind and role in a <see cref="Schema"/>.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Kind">The kind of values it holds.</param>
/// <param name="Role">What it is for; <see cref="ColumnRole.Feature"/> unless told otherwise.</param>
public sealed record ColumnInfo(string Name, ColumnKind Kind, ColumnRole Role = ColumnRole.Feature);
