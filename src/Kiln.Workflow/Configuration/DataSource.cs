using Kiln.Core.Data;

namespace Kiln.Workflow.Configuration;

/// <summary>kiln.yaml's <c>data</c>: the file to read, its format and any column kinds that override inference.</summary>
/// <param name="Path">The file's full path (a relative path in kiln.yaml is resolved against the kiln.yaml's folder).</param>
/// <param name="Format">The file format, from <c>format</c> or the file's extension.</param>
/// <param name="Schema">Column kinds by column name that override inference; empty to infer all.</param>
public sealed record DataSource(string Path, DataFormat Format, IReadOnlyDictionary<string, ColumnKind> Schema);
