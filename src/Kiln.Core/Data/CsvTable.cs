namespace Kiln.Core.Data;

/// <summary>Reads and writes tables as CSV (or other delimited) text, plain or gzip-compressed.</summary>
/// <remarks>
/// Reading infers each column's kind from the whole file unless <see cref="CsvReadOptions.ColumnKinds"/> declares it
/// (the rules are on <see cref="CsvReadOptions"/>). Input is UTF-8 (a byte-order mark is honoured); gzip input is recognised by
/// its magic bytes whatever the file is called. Blank lines are skipped. Every problem the file has — a cell that does not fit
/// a declared kind, a row with the wrong number of fields, broken quoting, a duplicate or empty column name, an empty, binary
/// or non-UTF-8 file — throws a <see cref="DataFormatException"/> naming the file, the physical line and, for a cell, the
/// column and value. Nothing is dropped silently.
/// </remarks>
public static class CsvTable
{
    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is not valid CSV or a cell does not fit its declared kind; the message names the line.</exception>
    /// <exception cref="SchemaMismatchException">The options name a column the file does not have.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static Table Read(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        options.Validate();
        using var source = CsvSource.FromPath(path);
        return new CsvTableReader(source, options).Read();
    }

    /// <summary>Reads CSV from <paramref name="stream"/>, starting at its current position; <paramref name="displayName"/> names it in messages.</summary>
    /// <remarks>The stream is not closed. A stream that cannot seek is first copied to a temporary file.</remarks>
    /// <exception cref="DataFormatException">The data is not valid CSV or a cell does not fit its declared kind; the message names the line.</exception>
    /// <exception cref="SchemaMismatchException">The options name a column the data does not have.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read, or the options are invalid.</exception>
    public static Table Read(Stream stream, string displayName, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        options.Validate();
        using var source = CsvSource.FromStream(stream, displayName);
        return new CsvTableReader(source, options).Read();
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> as UTF-8 CSV, replacing the file only once all is written.</summary>
    /// <remarks>
    /// Numbers use the invariant culture and the shortest text that reads back to the same double; infinities are written
    /// <c>inf</c> / <c>-inf</c>; booleans <c>true</c> / <c>false</c>; instants as ISO-8601 UTC (<c>2024-01-31T08:00:00Z</c>);
    /// missing values as empty fields. Fields holding the delimiter, a quote, a line break or edge spaces are quoted.
    /// A string value equal to a missing-value token (such as <c>NA</c>) reads back as missing.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static void Write(Table table, string path, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new CsvWriteOptions();
        options.Validate();
        var partial = path + ".partial";
        try
        {
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                new CsvTableWriter(options).Write(table, stream);
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/> as UTF-8 CSV (see <see cref="Write(Table, string, CsvWriteOptions?)"/>); the stream is not closed.</summary>
    /// <exception cref="ArgumentException">The stream cannot be written, or the options are invalid.</exception>
    public static void Write(Table table, Stream stream, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
            throw new ArgumentException("The stream cannot be written.", nameof(stream));
        options ??= new CsvWriteOptions();
        options.Validate();
        new CsvTableWriter(options).Write(table, stream);
    }
}
