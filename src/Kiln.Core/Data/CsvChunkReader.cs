using System.Globalization;

namespace Kiln.Core.Data;

/// <summary>Reads a CSV file a chunk of rows at a time, so that a file of any size is processed in bounded memory.</summary>
/// <remarks>
/// <para>
/// Every chunk has the same columns of the same kinds: a column named in <see cref="CsvReadOptions.ColumnKinds"/> has that
/// kind, and any other selected column gets its kind from the file's leading <see cref="CsvReadOptions.InferenceSampleRows"/>
/// rows (numeric, boolean or date-time if every value there is one, else text; a chunk cannot see the whole column, so
/// strings are never guessed categorical). A later cell that does not fit its column's kind is an error naming the file,
/// line, row, column and value; the table-at-once reader <see cref="CsvTable"/> would instead read such a column as strings.
/// </para>
/// <para>
/// Only the selected columns are parsed. The reader walks the file once (after one look at the header and leading rows);
/// <see cref="Skip"/> passes over rows without parsing their cells, so a resumed job reaches its first unfinished chunk quickly.
/// </para>
/// </remarks>
public sealed class CsvChunkReader : IDisposable
{
    private const int MaxShownValueLength = 100;

    private readonly CsvSource _source;
    private readonly CsvRecordCursor _cursor;
    private readonly CsvReadOptions _options;
    private readonly MissingTokens _missingTokens;
    private readonly int[] _fields;
    private readonly CsvColumnPlan[] _plans;
    private readonly bool[] _isDeclared;
    private readonly string? _declaredBy;
    private bool _ended;

    private CsvChunkReader(CsvSource source, CsvRecordCursor cursor, CsvReadOptions options, IReadOnlyList<string> names, int[] fields, CsvColumnPlan[] plans, bool[] isDeclared, long? length, string? declaredBy)
    {
        _declaredBy = declaredBy;
        _source = source;
        _cursor = cursor;
        _options = options;
        _missingTokens = new MissingTokens(options.MissingTokens);
        Names = names;
        _fields = fields;
        _plans = plans;
        _isDeclared = isDeclared;
        Columns = [.. fields.Select(field => names[field])];
        Length = length;
    }

    /// <summary>The names of all the file's columns, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The columns every chunk holds, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows read or skipped so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The characters of the rows read or skipped so far; with <see cref="Length"/>, an estimate of how far into the file the reader is.</summary>
    public long CharactersRead { get; private set; }

    /// <summary>The file's length in bytes, or <see langword="null"/> for a gzip file (whose compressed length says little about its rows).</summary>
    public long? Length { get; }

    /// <summary>Opens <paramref name="path"/> and fixes the kinds of the <paramref name="columns"/> to read.</summary>
    /// <param name="path">A CSV file, plain or gzip.</param>
    /// <param name="options">The dialect and declared kinds; <see langword="null"/> for the defaults.</param>
    /// <param name="columns">The columns each chunk holds, or <see langword="null"/> for all; names the file lacks are left out (compare <see cref="Columns"/> with what you need), as are declared kinds of such names.</param>
    /// <param name="declaredBy">Who declared the kinds, for messages about a cell that does not fit ("the model"), or <see langword="null"/> for the read options.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not CSV text, its header is unusable, or a leading row is malformed.</exception>
    public static CsvChunkReader Open(string path, CsvReadOptions? options = null, IReadOnlyCollection<string>? columns = null, string? declaredBy = null)
    {
        options ??= new CsvReadOptions();
        options.Validate();
        var source = CsvSource.FromPath(path);
        CsvRecordCursor? cursor = null;
        try
        {
            source.EnsureText();
            var delimiter = options.Delimiter ?? DetectDelimiter(source, options.Quote);
            string[] names;
            int[] fields;
            CsvColumnPlan[] plans;
            bool[] isDeclared;
            using (var first = CsvRecordCursor.Open(source, delimiter, options))
            {
                names = [.. first.Names];
                CheckNames(source.DisplayName, names, first.HeaderLine);
                fields = Selected(names, columns);
                isDeclared = [.. fields.Select(field => options.ColumnKinds.ContainsKey(names[field]))];
                plans = Plans(first, options, names, fields, isDeclared);
            }
            cursor = CsvRecordCursor.Open(source, delimiter, options);
            return new CsvChunkReader(source, cursor, options, names, fields, plans, isDeclared, source.IsCompressed ? null : new FileInfo(path).Length, declaredBy);
        }
        catch
        {
            cursor?.Dispose();
            source.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next <paramref name="maxRows"/> rows (fewer at the end of the file), or returns <see langword="null"/> when no row is left.</summary>
    /// <exception cref="DataFormatException">A row is malformed, or a cell does not fit its column's kind.</exception>
    public Table? ReadChunk(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var builders = new ColumnBuilder[_fields.Length];
        for (var index = 0; index < builders.Length; index++)
            builders[index] = ColumnBuilder.Create(_plans[index], _missingTokens, _options.CategoricalRule, totalRows: null);
        var trim = _options.TrimWhitespace;
        var rows = 0;
        while (rows < maxRows && MoveNext())
        {
            for (var index = 0; index < _fields.Length; index++)
            {
                var cell = _cursor[_fields[index]];
                if (trim)
                    cell = cell.Trim(" \t");
                if (!builders[index].TryAppend(cell))
                    throw BadCell(index, builders[index], cell);
            }
            rows++;
        }
        if (rows == 0)
            return null;
        var columns = new Column[builders.Length];
        for (var index = 0; index < builders.Length; index++)
            columns[index] = builders[index].Build(Columns[index]);
        return new Table(columns);
    }

    /// <summary>Passes over the next <paramref name="maxRows"/> rows without parsing their cells; returns how many there were.</summary>
    /// <exception cref="DataFormatException">A row is malformed.</exception>
    public int Skip(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var rows = 0;
        while (rows < maxRows && MoveNext())
            rows++;
        return rows;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _cursor.Dispose();
        _source.Dispose();
    }

    private bool MoveNext()
    {
        if (_ended)
            return false;
        if (!_cursor.MoveNext())
        {
            _ended = true;
            return false;
        }
        RowsRead++;
        CharactersRead += _cursor.RecordLength;
        return true;
    }

    private static char DetectDelimiter(CsvSource source, char quote)
    {
        using var text = source.OpenText();
        try
        {
            return DelimiterDetector.Detect(text, quote);
        }
        catch (System.Text.DecoderFallbackException exception)
        {
            throw source.NotUtf8(exception);
        }
        catch (InvalidDataException exception)
        {
            throw source.NotGzip(exception);
        }
    }

    private static void CheckNames(string file, string[] names, long line)
    {
        var firstPosition = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var field = 0; field < names.Length; field++)
        {
            if (names[field].Length == 0)
            {
                throw new DataFormatException(
                    $"{file}, line {line}: column {field + 1} of the header has no name. Give every column a name.", file: file, line: line);
            }
            if (!firstPosition.TryAdd(names[field], field + 1))
            {
                throw new DataFormatException(
                    $"{file}, line {line}: column name '{names[field]}' appears twice in the header (columns {firstPosition[names[field]]} and {field + 1}). " +
                    "Rename one of them so that every column name is unique.",
                    file: file, line: line, column: names[field]);
            }
        }
    }

    private static int[] Selected(string[] names, IReadOnlyCollection<string>? columns)
    {
        var wanted = columns is null ? null : new HashSet<string>(columns, StringComparer.Ordinal);
        return [.. Enumerable.Range(0, names.Length).Where(field => wanted is null || wanted.Contains(names[field]))];
    }

    /// <summary>The declared kinds, and for the other columns the kinds their leading rows allow.</summary>
    private static CsvColumnPlan[] Plans(CsvRecordCursor cursor, CsvReadOptions options, string[] names, int[] fields, bool[] isDeclared)
    {
        var plans = new CsvColumnPlan[fields.Length];
        var states = new CsvTableReader.InferenceState[fields.Length];
        var missingTokens = new MissingTokens(options.MissingTokens);
        var rows = 0;
        var inferring = Array.IndexOf(isDeclared, false) >= 0;
        while (inferring && rows < options.InferenceSampleRows && cursor.MoveNext())
        {
            for (var index = 0; index < fields.Length; index++)
            {
                if (isDeclared[index])
                    continue;
                var cell = cursor[fields[index]];
                if (options.TrimWhitespace)
                    cell = cell.Trim(" \t");
                if (!missingTokens.Matches(cell))
                    states[index].Observe(cell);
            }
            rows++;
        }
        for (var index = 0; index < fields.Length; index++)
        {
            plans[index] = isDeclared[index]
                ? options.ColumnKinds[names[fields[index]]] switch
                {
                    ColumnKind.Numeric => CsvColumnPlan.Numeric,
                    ColumnKind.Boolean => CsvColumnPlan.Boolean,
                    ColumnKind.DateTime => CsvColumnPlan.DateTime,
                    ColumnKind.Categorical => CsvColumnPlan.Categorical,
                    _ => CsvColumnPlan.Text,
                }
                : states[index].Plan switch
                {
                    CsvColumnPlan.Numeric or CsvColumnPlan.Boolean or CsvColumnPlan.DateTime => states[index].Plan,
                    _ => CsvColumnPlan.Text,
                };
        }
        return plans;
    }

    private DataFormatException BadCell(int index, ColumnBuilder builder, ReadOnlySpan<char> cell)
    {
        var file = _source.DisplayName;
        var name = Columns[index];
        var line = _cursor.LineOf(_fields[index]);
        var value = cell.ToString();
        var shown = value.Length > MaxShownValueLength ? string.Concat(value.AsSpan(0, MaxShownValueLength), "...") : value;
        var where = string.Create(CultureInfo.InvariantCulture, $"{file}, line {line} (row {RowsRead - 1}), column '{name}'");
        var why = _isDeclared[index]
            ? (_declaredBy is null
                ? $"'{shown}' is not {builder.Expectation}, which the column's declared kind ({_options.ColumnKinds[name].ToString().ToLowerInvariant()}) needs. "
                : $"'{shown}' is not {builder.Expectation}, which {_declaredBy} needs (the column is {_options.ColumnKinds[name].ToString().ToLowerInvariant()} there). ") +
              $"Fix the value, or mark it missing ({_missingTokens.Describe()})."
            : string.Create(CultureInfo.InvariantCulture,
                $"'{shown}' is not {builder.Expectation}, though every value of the column in the first {_options.InferenceSampleRows} rows was (a chunked read fixes each column's kind from the leading rows). " +
                $"Fix the value, mark it missing ({_missingTokens.Describe()}), or declare the column's kind.");
        return new DataFormatException($"{where}: {why}", file: file, line: line, column: name, value: value);
    }
}
