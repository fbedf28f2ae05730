using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Scoring;

/// <summary>The chunks of a batch job's input, CSV or Parquet, with only the model's columns and the id column read.</summary>
/// <remarks>
/// CSV columns are read as the kinds the model was fitted on. Parquet columns carry their own types: a chunk's column of
/// another kind is converted through its values' text (<see cref="ColumnKindConversion"/>), unless the preparation takes it
/// as it is (categorical for text and the reverse, or a column with no value).
/// </remarks>
internal sealed class ChunkSource : IDisposable
{
    private readonly CsvChunkReader? _csv;
    private readonly ParquetChunkReader? _parquet;
    private readonly Schema _inputSchema;
    private readonly string _path;
    private bool _atEnd;

    private ChunkSource(string path, Schema inputSchema, CsvChunkReader? csv, ParquetChunkReader? parquet)
    {
        _path = path;
        _inputSchema = inputSchema;
        _csv = csv;
        _parquet = parquet;
    }

    /// <summary>All the input's column names.</summary>
    public IReadOnlyList<string> Names => _csv?.Names ?? _parquet!.Names;

    /// <summary>Whether every row has been read or skipped (known for CSV once a chunk comes back short or empty).</summary>
    public bool AtEnd
    {
        get => _parquet is not null ? _parquet.RowsRead >= _parquet.TotalRows : _atEnd;
        private set => _atEnd = value;
    }

    /// <summary>The rows read or skipped so far.</summary>
    public long RowsRead => _csv?.RowsRead ?? _parquet!.RowsRead;

    /// <summary>The input's rows: exact for Parquet, estimated from the bytes read so far for CSV (null for gzip or before any row).</summary>
    public (long? Rows, bool IsEstimate) Total
    {
        get
        {
            if (_parquet is not null)
                return (_parquet.TotalRows, false);
            if (_csv!.Length is not { } length || _csv.CharactersRead == 0)
                return (null, true);
            return ((long)Math.Round(_csv.RowsRead * (double)length / _csv.CharactersRead), true);
        }
    }

    public static ChunkSource Open(string path, Schema inputSchema, string? idColumn)
    {
        var columns = inputSchema.Names.Append(idColumn).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (DataFiles.FormatOf(path) == DataFormat.Parquet)
            return new ChunkSource(path, inputSchema, csv: null, ParquetChunkReader.Open(path, columns));
        var options = new CsvReadOptions
        {
            Delimiter = DataFiles.Delimiter(path),
            ColumnKinds = inputSchema.ToDictionary(column => column.Name, column => column.Kind, StringComparer.Ordinal),
        };
        return new ChunkSource(path, inputSchema, CsvChunkReader.Open(path, options, columns, declaredBy: "the model"), parquet: null);
    }

    /// <summary>The next chunk of up to <paramref name="rows"/> rows, its columns of the model's kinds, or <see langword="null"/> at the end.</summary>
    /// <exception cref="DataFormatException">A row is malformed or a value does not fit its column's kind; the message names the file, line or row group, row, column and value.</exception>
    public InputChunk? Read(int index, int rows)
    {
        var firstRow = RowsRead;
        if (_csv is not null)
        {
            var table = _csv.ReadChunk(rows);
            // A short chunk is the file's last: the total is known from here on.
            AtEnd = table is null || table.RowCount < rows;
            return table is null ? null : new InputChunk(index, firstRow, table);
        }
        if (_parquet!.ReadChunk(rows) is not { } chunk)
            return null;
        var mismatched = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var column in _inputSchema)
        {
            if (chunk.TryGetColumn(column.Name, out var found) && found.Kind != column.Kind && !Interchangeable(found, column.Kind))
                mismatched[column.Name] = column.Kind;
        }
        if (mismatched.Count > 0)
            chunk = ColumnKindConversion.Apply(chunk, mismatched, $"{_path}, row group {_parquet.LastRowGroup}", firstRow);
        return new InputChunk(index, firstRow, chunk);
    }

    /// <summary>Passes over the rows of a chunk already finished; returns how many there were.</summary>
    public int Skip(int rows)
    {
        if (_parquet is not null)
            return _parquet.Skip(rows);
        var skipped = _csv!.Skip(rows);
        AtEnd = skipped < rows;
        return skipped;
    }

    public void Dispose()
    {
        _csv?.Dispose();
        _parquet?.Dispose();
    }

    // The preparation itself takes categorical for text and the reverse, and a column with no value as any kind.
    private static bool Interchangeable(Column column, ColumnKind kind) =>
        column.MissingCount == column.Length
        || (column.Kind, kind) is (ColumnKind.Text, ColumnKind.Categorical) or (ColumnKind.Categorical, ColumnKind.Text);
}
