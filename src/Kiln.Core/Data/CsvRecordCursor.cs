using System.Text;
using Sylvan.Data.Csv;

namespace Kiln.Core.Data;

/// <summary>
/// Walks the records of a CSV source with Sylvan's reader, keeping the 1-based physical line of each record
/// (header and blank lines included, a quoted field's line breaks counted), skipping blank lines, and turning every
/// structural problem into a <see cref="DataFormatException"/> that names the file and line.
/// </summary>
internal sealed class CsvRecordCursor : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const int MaxRecordLength = 1 << 24;

    private readonly CsvSource _source;
    private readonly TextReader _text;
    private readonly CsvDataReader _reader;
    private readonly char _delimiter;
    private readonly bool _hasHeader;
    private readonly long _headerLine;
    private long _linesConsumed;

    private CsvRecordCursor(CsvSource source, TextReader text, CsvDataReader reader, char delimiter, bool hasHeader, long linesBeforeHeader, int? fieldCount)
    {
        _source = source;
        _text = text;
        _reader = reader;
        _delimiter = delimiter;
        _hasHeader = hasHeader;
        FieldCount = fieldCount ?? reader.FieldCount;
        _headerLine = linesBeforeHeader + 1;
        if (hasHeader)
        {
            var names = new string[FieldCount];
            var headerLines = 1L;
            for (var field = 0; field < FieldCount; field++)
            {
                names[field] = reader.GetName(field);
                headerLines += names[field].AsSpan().Count('\n');
            }
            Names = names;
            _linesConsumed = linesBeforeHeader + headerLines;
        }
        else
        {
            Names = [.. Enumerable.Range(1, FieldCount).Select(number => $"column_{number}")];
            _linesConsumed = linesBeforeHeader;
        }
    }

    /// <summary>The column names from the header (not yet validated), or <c>column_1</c> .. <c>column_n</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of fields every record must have.</summary>
    public int FieldCount { get; }

    /// <summary>The 1-based physical line on which the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>The 1-based physical line of the header (or of the first record when there is no header).</summary>
    public long HeaderLine => _headerLine;

    public ReadOnlySpan<char> this[int field] => _reader.GetFieldSpan(field);

    /// <summary>The characters of the current record as the file holds them, quotes and line break included (for progress estimates).</summary>
    public int RecordLength => _reader.GetRawRecordSpan().Length;

    /// <summary>The physical lines read so far (all of them once <see cref="MoveNext"/> returned false).</summary>
    public long LinesConsumed => _linesConsumed;

    /// <summary>Opens the whole source (<paramref name="part"/> null), or a later part of it that starts at a record boundary and has no header.</summary>
    public static CsvRecordCursor Open(CsvSource source, char delimiter, CsvReadOptions options, CsvPart? part = null)
    {
        var text = part is { } range ? source.OpenText(range.Start, range.End) : source.OpenText();
        var hasHeader = options.HasHeader && (part is null || part.Value.Start == 0);
        try
        {
            var linesBeforeHeader = (part?.LinesBefore ?? 0) + SkipBlankLines(text, source);
            var sylvanOptions = new CsvDataReaderOptions
            {
                HasHeaders = hasHeader,
                Delimiter = delimiter,
                Quote = options.Quote,
                Escape = options.Quote,
                Comment = '\0',
                BufferSize = BufferSize,
                MaxBufferSize = MaxRecordLength,
                OwnsReader = false,
            };
            CsvDataReader reader;
            try
            {
                reader = CsvDataReader.Create(text, sylvanOptions);
            }
            catch (CsvFormatException exception)
            {
                throw Malformed(source, linesBeforeHeader + 1, exception);
            }
            catch (DecoderFallbackException exception)
            {
                throw source.NotUtf8(exception);
            }
            catch (InvalidDataException exception)
            {
                throw source.NotGzip(exception);
            }
            return new CsvRecordCursor(source, text, reader, delimiter, hasHeader, linesBeforeHeader, part?.FieldCount);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next non-blank record.</summary>
    /// <exception cref="DataFormatException">The record has a different number of fields than the header, or its quoting is broken.</exception>
    public bool MoveNext()
    {
        while (true)
        {
            bool hasRecord;
            try
            {
                hasRecord = _reader.Read();
            }
            catch (CsvFormatException exception)
            {
                throw Malformed(_source, _linesConsumed + 1, exception);
            }
            catch (DecoderFallbackException exception)
            {
                throw _source.NotUtf8(exception);
            }
            catch (InvalidDataException exception)
            {
                throw _source.NotGzip(exception);
            }
            if (!hasRecord)
                return false;

            var raw = _reader.GetRawRecordSpan();
            var lineBreaks = raw.Count('\n');
            if (lineBreaks == 0)
                lineBreaks = raw.Count('\r');
            Line = _linesConsumed + 1;
            _linesConsumed += Math.Max(lineBreaks, 1);

            var fieldCount = _reader.RowFieldCount;
            if (fieldCount == FieldCount && (fieldCount > 1 || !IsBlank(raw)))
                return true;
            if (fieldCount == 1 && IsBlank(raw))
                continue;
            throw Ragged(fieldCount);
        }
    }

    /// <summary>The physical line on which <paramref name="field"/> of the current record starts (later than <see cref="Line"/> after a quoted line break).</summary>
    public long LineOf(int field)
    {
        var raw = _reader.GetRawRecordSpan();
        var value = _reader.GetFieldSpan(field);
        if (!value.IsEmpty && raw.Overlaps(value, out var offset) && offset >= 0)
            return Line + raw[..offset].Count('\n');
        return Line;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    private DataFormatException Ragged(int fieldCount)
    {
        var reference = _hasHeader ? $"the header (line {_headerLine}) has {FieldCount}" : $"the first row (line {_headerLine}) has {FieldCount}";
        var hint = fieldCount > FieldCount
            ? $"Quote values that contain the delimiter '{CsvReadOptions.Printable(_delimiter)}', remove the extra fields, or check the delimiter."
            : "Add the missing fields (leave a field empty for a missing value), or check the delimiter.";
        return new DataFormatException(
            $"{_source.DisplayName}, line {Line}: the row has {fieldCount} field{(fieldCount == 1 ? "" : "s")} but {reference}. {hint}",
            file: _source.DisplayName, line: Line);
    }

    private static DataFormatException Malformed(CsvSource source, long line, CsvFormatException exception)
    {
        var problem = exception switch
        {
            CsvRecordTooLargeException => $"a record is longer than {MaxRecordLength:N0} characters, which usually means a quote opened here is never closed",
            CsvMissingHeadersException => "the file has no header line",
            _ => exception.Message.TrimEnd('.'),
        };
        if (problem.Length > 1 && char.IsUpper(problem[0]) && !char.IsUpper(problem[1]))
            problem = char.ToLowerInvariant(problem[0]) + problem[1..];
        return new DataFormatException(
            $"{source.DisplayName}, line {line}: malformed CSV: {problem}. Quote values that contain the delimiter, quotes or line breaks, " +
            "and double every quote inside a quoted value (\"\").",
            file: source.DisplayName, line: line);
    }

    private static bool IsBlank(ReadOnlySpan<char> raw) => raw.TrimEnd("\r\n").IsEmpty;

    private static long SkipBlankLines(TextReader text, CsvSource source)
    {
        long lines = 0;
        try
        {
            while (true)
            {
                var next = text.Peek();
                if (next == '\n')
                {
                    lines++;
                    text.Read();
                }
                else if (next == '\r')
                {
                    text.Read();
                    if (text.Peek() == '\n')
                        text.Read();
                    lines++;
                }
                else
                {
                    return lines;
                }
            }
        }
        catch (DecoderFallbackException exception)
        {
            throw source.NotUtf8(exception);
        }
        catch (InvalidDataException exception)
        {
            throw source.NotGzip(exception);
        }
    }
}
