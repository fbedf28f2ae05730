using Parquet;

namespace Kiln.Core.Data;

/// <summary>Reads a Parquet file a chunk of rows at a time: one row group at a time, so memory holds at most one row group of the selected columns.</summary>
/// <remarks>
/// A chunk never spans two row groups: <see cref="ReadChunk"/> returns up to the asked number of rows from the current row
/// group, and the next call goes on from there (so a row group of 100,000 rows read 65,536 at a time gives chunks of 65,536
/// and 34,464). String columns are categorical or text by their kind metadata, else by the <see cref="CategoricalRule"/> applied
/// to each row group. <see cref="Skip"/> passes over rows without reading a row group it skips whole.
/// </remarks>
public sealed class ParquetChunkReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly ParquetTableReader _tableReader;
    private readonly IReadOnlyCollection<string>? _columns;
    private readonly long[] _groupRows;
    private int _group;
    private long _offset;
    private Table? _groupTable;

    private ParquetChunkReader(string path, FileStream stream, ParquetReader reader, IReadOnlyCollection<string>? columns, CategoricalRule rule)
    {
        DisplayName = path;
        _stream = stream;
        _reader = reader;
        _tableReader = new ParquetTableReader(path, rule);
        _columns = columns;
        Names = [.. reader.Schema.GetDataFields().Select(field => field.Name)];
        _groupRows = new long[reader.RowGroupCount];
        for (var index = 0; index < _groupRows.Length; index++)
            _groupRows[index] = reader.RowGroups[index].RowCount;
        TotalRows = _groupRows.Sum();
    }

    /// <summary>The file as messages name it.</summary>
    public string DisplayName { get; }

    /// <summary>The names of all the file's columns, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The file's row count, from its footer.</summary>
    public long TotalRows { get; }

    /// <summary>The rows read or skipped so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The row group the last chunk read came from (0-based).</summary>
    public int LastRowGroup { get; private set; }

    /// <summary>The row within <see cref="LastRowGroup"/> at which the last chunk read started (0-based).</summary>
    public long LastRowGroupOffset { get; private set; }

    /// <summary>Opens <paramref name="path"/> and reads its footer.</summary>
    /// <param name="path">A Parquet file.</param>
    /// <param name="columns">The columns each chunk holds (in file order), or <see langword="null"/> for all; names the file lacks are left out.</param>
    /// <param name="categoricalRule">The rule for string columns without kind metadata; <see langword="null"/> for the default.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not readable Parquet.</exception>
    public static ParquetChunkReader Open(string path, IReadOnlyCollection<string>? columns = null, CategoricalRule? categoricalRule = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The data file '{path}' does not exist (looked for '{Path.GetFullPath(path)}'). Check the path and the working directory.", path);
        categoricalRule ??= new CategoricalRule();
        categoricalRule.Validate();
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        try
        {
            var reader = ParquetReader.CreateAsync(stream, parquetOptions: null, leaveStreamOpen: true).GetAwaiter().GetResult();
            return new ParquetChunkReader(path, stream, reader, columns, categoricalRule);
        }
        catch (Exception exception) when (ParquetTable.IsCorruptData(exception))
        {
            stream.Dispose();
            throw new DataFormatException($"{path} is not a readable Parquet file (it may be truncated, corrupt, or another format): {exception.Message}", exception, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="maxRows"/> rows of the current row group, or returns <see langword="null"/> when no row is left.</summary>
    /// <exception cref="DataFormatException">The row group cannot be read, or holds a column Kiln cannot hold.</exception>
    public Table? ReadChunk(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        if (!MoveToRows())
            return null;
        if (_groupTable is null)
        {
            try
            {
                _groupTable = _tableReader.ReadRowGroupAsync(_reader, _group, _columns, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception exception) when (ParquetTable.IsCorruptData(exception))
            {
                throw new DataFormatException($"{DisplayName}: row group {_group} is not readable (the file may be truncated or corrupt): {exception.Message}", exception, DisplayName);
            }
        }
        var count = (int)Math.Min(maxRows, _groupRows[_group] - _offset);
        var start = (int)_offset;
        var chunk = start == 0 && count == _groupTable.RowCount ? _groupTable : _groupTable.Take([.. Enumerable.Range(start, count)]);
        LastRowGroup = _group;
        LastRowGroupOffset = _offset;
        Advance(count);
        return chunk;
    }

    /// <summary>Passes over up to <paramref name="maxRows"/> rows of the current row group; returns how many there were.</summary>
    public int Skip(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        if (!MoveToRows())
            return 0;
        var count = (int)Math.Min(maxRows, _groupRows[_group] - _offset);
        Advance(count);
        return count;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    // Moves past finished (and empty) row groups; false when none is left.
    private bool MoveToRows()
    {
        while (_group < _groupRows.Length && _offset >= _groupRows[_group])
        {
            _group++;
            _offset = 0;
            _groupTable = null;
        }
        return _group < _groupRows.Length;
    }

    private void Advance(int count)
    {
        _offset += count;
        RowsRead += count;
    }
}
