using Kiln.Core.Data;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Data;

/// <summary>Reads tables from CSV or Parquet files, by format, with declared column kinds.</summary>
internal static class DataFiles
{
    /// <summary>Reads <paramref name="path"/> as <paramref name="format"/>; <paramref name="kinds"/> override inferred kinds.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file cannot be read, or a value does not fit its declared kind.</exception>
    /// <exception cref="SchemaMismatchException">A declared column is not in the file.</exception>
    public static Table Read(string path, DataFormat format, IReadOnlyDictionary<string, ColumnKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        kinds ??= new Dictionary<string, ColumnKind>();
        if (!File.Exists(path))
            throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        return format switch
        {
            DataFormat.Parquet => ColumnKindConversion.Apply(ParquetTable.Read(path), kinds, path),
            _ => CsvTable.Read(path, new CsvReadOptions { ColumnKinds = kinds }),
        };
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
