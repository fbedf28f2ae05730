using System.Globalization;
using System.Text;

namespace Kiln.Core.Data;

/// <summary>Writes a table as RFC 4180 text: invariant culture, round-trip doubles, missing values as empty fields.</summary>
internal sealed class CsvTableWriter
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    private readonly CsvWriteOptions _options;
    private readonly char[] _numberBuffer = new char[64];

    public CsvTableWriter(CsvWriteOptions options)
    {
        _options = options;
    }

    public void Write(Table table, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        var columns = table.Columns;
        var delimiter = _options.Delimiter;
        if (_options.WriteHeader)
        {
            for (var index = 0; index < columns.Count; index++)
            {
                if (index > 0)
                    writer.Write(delimiter);
                WriteText(writer, columns[index].Name);
            }
            writer.Write('\n');
        }
        // A row whose only field is empty would be a blank line, which readers skip: write "" instead.
        var missing = columns.Count == 1 ? "\"\"" : string.Empty;
        for (var row = 0; row < table.RowCount; row++)
        {
            for (var index = 0; index < columns.Count; index++)
            {
                if (index > 0)
                    writer.Write(delimiter);
                WriteCell(writer, columns[index], row, missing);
            }
            writer.Write('\n');
        }
    }

    private void WriteCell(StreamWriter writer, Column column, int row, string missing)
    {
        switch (column)
        {
            case NumericColumn numeric:
                var value = numeric[row];
                if (double.IsNaN(value))
                    writer.Write(missing);
                else if (double.IsPositiveInfinity(value))
                    writer.Write("inf");
                else if (double.IsNegativeInfinity(value))
                    writer.Write("-inf");
                else
                {
                    value.TryFormat(_numberBuffer, out var written, "R", CultureInfo.InvariantCulture);
                    writer.Write(_numberBuffer.AsSpan(0, written));
                }
                break;
            case BooleanColumn boolean:
                writer.Write(boolean[row] switch { true => "true", false => "false", null => missing });
                break;
            case DateTimeColumn dates:
                if (dates[row] is { } instant)
                {
                    instant.TryFormat(_numberBuffer, out var length, DateTimeFormat, CultureInfo.InvariantCulture);
                    writer.Write(_numberBuffer.AsSpan(0, length));
                }
                else
                {
                    writer.Write(missing);
                }
                break;
            default:
                var text = column.FormatValue(row);
                if (text is null)
                    writer.Write(missing);
                else
                    WriteText(writer, text);
                break;
        }
    }

    private void WriteText(StreamWriter writer, string text)
    {
        var needsQuotes = text.Length == 0
            || text.AsSpan().IndexOfAny(_options.Delimiter, '"', '\n') >= 0
            || text.Contains('\r', StringComparison.Ordinal)
            || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]);
        if (!needsQuotes)
        {
            writer.Write(text);
            return;
        }
        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
