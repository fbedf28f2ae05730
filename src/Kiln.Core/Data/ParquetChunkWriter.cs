using Parquet;
using Parquet.Schema;

namespace Kiln.Core.Data;

/// <summary>Writes tables of one schema to a Parquet stream as successive row groups, one per <see cref="Append"/>, in bounded memory.</summary>
/// <remarks>The columns are stored as <see cref="ParquetTable"/> stores them; categorical and text columns are both strings, so a column may be either in any row group.</remarks>
public sealed class ParquetChunkWriter : IDisposable
{
    private readonly ParquetWriter _writer;
    private readonly Schema _schema;
    private readonly DataField[] _fields;
    private bool _disposed;

    private ParquetChunkWriter(ParquetWriter writer, Schema schema, DataField[] fields)
    {
        _writer = writer;
        _schema = schema;
        _fields = fields;
    }

    /// <summary>The rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Starts a Parquet file with <paramref name="schema"/>'s columns on <paramref name="stream"/>, which is not closed.</summary>
    /// <exception cref="ArgumentException">The stream cannot be written.</exception>
    public static ParquetChunkWriter Create(Stream stream, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        if (!stream.CanWrite)
            throw new ArgumentException("The stream cannot be written.", nameof(stream));
        var fields = schema.Select(column => ParquetTable.FieldFor(column.Name, column.Kind)).ToArray();
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options: null, append: false).GetAwaiter().GetResult();
        return new ParquetChunkWriter(writer, schema, fields);
    }

    /// <summary>Writes <paramref name="table"/> as the next row group.</summary>
    /// <exception cref="SchemaMismatchException">The table's columns differ from the schema in name, order or kind.</exception>
    public void Append(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Matches(table.Schema))
            throw new SchemaMismatchException($"A chunk has the columns {table.Schema}, but the file being written has {_schema}; every chunk needs the same columns of the same kinds.");
        using var group = _writer.CreateRowGroup();
        for (var index = 0; index < _fields.Length; index++)
            ParquetTable.WriteColumnAsync(group, _fields[index], table[index], CancellationToken.None).GetAwaiter().GetResult();
        group.CompleteValidate();
        RowsWritten += table.RowCount;
    }

    /// <summary>Writes the footer; the stream stays open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private bool Matches(Schema schema)
    {
        if (schema.Count != _schema.Count)
            return false;
        for (var index = 0; index < schema.Count; index++)
        {
            var (actual, expected) = (schema[index], _schema[index]);
            if (actual.Name != expected.Name || (actual.Kind != expected.Kind && !(IsString(actual.Kind) && IsString(expected.Kind))))
                return false;
        }
        return true;
    }

    private static bool IsString(ColumnKind kind) => kind is ColumnKind.Categorical or ColumnKind.Text;
}
