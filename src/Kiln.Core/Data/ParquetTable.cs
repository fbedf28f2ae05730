using Parquet;
using Parquet.Schema;

namespace Kiln.Core.Data;

/// <summary>Reads and writes tables as Apache Parquet files (flat schemas of primitive columns).</summary>
/// <remarks>
/// <para>Reading maps double, float, decimal and every integer column to <see cref="ColumnKind.Numeric"/> (nulls become NaN);
/// bool to <see cref="ColumnKind.Boolean"/>; date and timestamp columns to <see cref="ColumnKind.DateTime"/> (UTC; values without
/// a time zone are taken as UTC); string columns to <see cref="ColumnKind.Categorical"/> or <see cref="ColumnKind.Text"/>: the
/// kind Kiln wrote into the column's metadata when there is one, otherwise the <see cref="CategoricalRule"/>.</para>
/// <para>Writing stores numeric columns as nullable doubles (NaN as null), categorical and text columns as nullable UTF-8 strings,
/// boolean columns as nullable booleans and date-time columns as UTC timestamps with 100 ns precision.</para>
/// </remarks>
public static class ParquetTable
{
    /// <summary>The column metadata key under which Kiln records a string column's kind ("categorical" or "text").</summary>
    public const string KindMetadataKey = "kiln.kind";

    /// <summary>Reads the Parquet file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is not valid Parquet, is truncated, or has a column Kiln cannot hold; the message names the file.</exception>
    public static Table Read(string path, CategoricalRule? categoricalRule = null) =>
        ReadAsync(path, categoricalRule).GetAwaiter().GetResult();

    /// <summary>Reads Parquet data from <paramref name="stream"/> (which must be seekable); <paramref name="displayName"/> names it in messages.</summary>
    /// <exception cref="DataFormatException">The data is not valid Parquet, is truncated, or has a column Kiln cannot hold.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read or cannot seek.</exception>
    public static Table Read(Stream stream, string displayName, CategoricalRule? categoricalRule = null) =>
        ReadAsync(stream, displayName, categoricalRule).GetAwaiter().GetResult();

    /// <summary>Reads the Parquet file at <paramref name="path"/> asynchronously (see <see cref="Read(string, CategoricalRule?)"/>).</summary>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is not valid Parquet, is truncated, or has a column Kiln cannot hold.</exception>
    public static async Task<Table> ReadAsync(string path, CategoricalRule? categoricalRule = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The data file '{path}' does not exist (looked for '{Path.GetFullPath(path)}'). Check the path and the working directory.", path);
        }
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return await ReadAsync(stream, path, categoricalRule, cancellationToken);
    }

    /// <summary>Reads Parquet data from <paramref name="stream"/> asynchronously (see <see cref="Read(Stream, string, CategoricalRule?)"/>).</summary>
    /// <exception cref="DataFormatException">The data is not valid Parquet, is truncated, or has a column Kiln cannot hold.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read or cannot seek.</exception>
    public static async Task<Table> ReadAsync(Stream stream, string displayName, CategoricalRule? categoricalRule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (!stream.CanRead || !stream.CanSeek)
            throw new ArgumentException($"The stream for '{displayName}' must be readable and seekable to read Parquet (the footer is at the end).", nameof(stream));
        categoricalRule ??= new CategoricalRule();
        categoricalRule.Validate();
        try
        {
            return await new ParquetTableReader(displayName, categoricalRule).ReadAsync(stream, cancellationToken);
        }
        catch (Exception exception) when (IsCorruptData(exception))
        {
            throw new DataFormatException(
                $"{displayName} is not a readable Parquet file (it may be truncated, corrupt, or another format): {exception.Message}",
                exception, displayName);
        }
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/>, replacing the file only once all is written.</summary>
    public static void Write(Table table, string path) => WriteAsync(table, path).GetAwaiter().GetResult();

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/>; the stream is not closed.</summary>
    /// <exception cref="ArgumentException">The stream cannot be written.</exception>
    public static void Write(Table table, Stream stream) => WriteAsync(table, stream).GetAwaiter().GetResult();

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> asynchronously, replacing the file only once all is written.</summary>
    public static async Task WriteAsync(Table table, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var partial = path + ".partial";
        try
        {
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await WriteAsync(table, stream, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/> asynchronously; the stream is not closed.</summary>
    /// <exception cref="ArgumentException">The stream cannot be written.</exception>
    public static async Task WriteAsync(Table table, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
            throw new ArgumentException("The stream cannot be written.", nameof(stream));
        var fields = table.Columns.Select(column => FieldFor(column.Name, column.Kind)).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options: null, append: false, cancellationToken);
        using var group = writer.CreateRowGroup();
        for (var index = 0; index < fields.Length; index++)
            await WriteColumnAsync(group, fields[index], table[index], cancellationToken);
        group.CompleteValidate();
    }

    /// <summary>The Parquet field a column of <paramref name="kind"/> is written as (also by <see cref="ParquetChunkWriter"/>).</summary>
    internal static DataField FieldFor(string name, ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => new DataField<double?>(name),
        ColumnKind.Boolean => new DataField<bool?>(name),
        ColumnKind.DateTime => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: true),
        _ => new DataField<string>(name, nullable: true),
    };

    internal static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Column column, CancellationToken cancellationToken)
    {
        switch (column)
        {
            case NumericColumn numeric:
                var numbers = new double?[numeric.Length];
                for (var row = 0; row < numbers.Length; row++)
                    numbers[row] = double.IsNaN(numeric[row]) ? null : numeric[row];
                await group.WriteAsync<double>(field, numbers, repetitionLevels: null, customMetadata: null, cancellationToken);
                break;
            case BooleanColumn boolean:
                var flags = new bool?[boolean.Length];
                for (var row = 0; row < flags.Length; row++)
                    flags[row] = boolean[row];
                await group.WriteAsync<bool>(field, flags, repetitionLevels: null, customMetadata: null, cancellationToken);
                break;
            case DateTimeColumn dates:
                var instants = new DateTime?[dates.Length];
                for (var row = 0; row < instants.Length; row++)
                    instants[row] = dates[row];
                await group.WriteAsync<DateTime>(field, instants, repetitionLevels: null, customMetadata: null, cancellationToken);
                break;
            default:
                var texts = new string?[column.Length];
                for (var row = 0; row < texts.Length; row++)
                    texts[row] = column.FormatValue(row);
                var kind = new Dictionary<string, string> { [KindMetadataKey] = column.Kind == ColumnKind.Text ? "text" : "categorical" };
                await group.WriteAsync<ReadOnlyMemory<char>>(field, texts.Select(text => text is null ? (ReadOnlyMemory<char>?)null : text.AsMemory()).ToArray(),
                    repetitionLevels: null, customMetadata: kind, cancellationToken);
                break;
        }
    }

    internal static bool IsCorruptData(Exception exception) => exception is
        ParquetException or IOException or InvalidDataException or EndOfStreamException or FormatException
        or InvalidOperationException or NotSupportedException or IndexOutOfRangeException or ArgumentException
        or OverflowException or InvalidCastException
        && exception is not FileNotFoundException and not DirectoryNotFoundException and not DataFormatException;
}
