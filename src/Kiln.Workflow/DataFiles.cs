using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow;

/// <summary>Reads a data file as kiln.yaml describes it.</summary>
internal static class DataFiles
{
    /// <summary>Reads <paramref name="path"/> as <paramref name="format"/>, with <paramref name="schema"/>'s column kinds.</summary>
    /// <remarks>CSV columns are read as the declared kinds; Parquet columns carry their own types and are converted to the declared kinds through their values' text (<see cref="ColumnKindConversion"/>).</remarks>
    /// <exception cref="KilnException">The file does not exist or cannot be read as that format, or a value does not fit its declared kind.</exception>
    /// <exception cref="SchemaMismatchException">The schema names a column the file does not have.</exception>
    public static Table Read(string path, DataFormat format, IReadOnlyDictionary<string, ColumnKind>? schema = null)
    {
        if (!File.Exists(path))
            throw new KilnException($"Data file not found: {path}.");
        return format switch
        {
            DataFormat.Parquet => ColumnKindConversion.Apply(ParquetTable.Read(path), schema ?? new Dictionary<string, ColumnKind>(), path),
            _ => CsvTable.Read(path, new CsvReadOptions { Delimiter = Delimiter(path), ColumnKinds = schema ?? new Dictionary<string, ColumnKind>() }),
        };
    }

    /// <summary>',' for .csv, tab for .tsv, and detection for anything else (.txt, .gz).</summary>
    internal static char? Delimiter(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".csv.gz", StringComparison.Ordinal))
            return ',';
        if (name.EndsWith(".tsv", StringComparison.Ordinal) || name.EndsWith(".tsv.gz", StringComparison.Ordinal))
            return '\t';
        return null;
    }

    /// <summary>The column named <paramref name="name"/>, or an error naming the file, suggesting the nearest name and listing the columns.</summary>
    /// <exception cref="KilnException">The table has no such column.</exception>
    public static Column Column(Table table, string name, string path)
    {
        if (table.TryGetColumn(name, out var column))
            return column;
        var names = table.Schema.Names.ToArray();
        throw new KilnException(
            $"Column '{name}' is not in {Path.GetFileName(path)}{NearestName.Hint(name, names)} Columns: {string.Join(", ", names)}.");
    }

    /// <summary>The format a path's extension implies: Parquet for <c>.parquet</c> / <c>.pq</c>, else CSV.</summary>
    public static DataFormat FormatOf(string path) => ConfigNames.FormatFromExtension(path) ?? DataFormat.Csv;

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> as its extension says (Parquet or CSV), replacing the file only once all is written.</summary>
    public static void Write(Table table, string path)
    {
        if (FormatOf(path) == DataFormat.Parquet)
            ParquetTable.Write(table, path);
        else
            CsvTable.Write(table, path);
    }
}
