using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace Kiln.Core.Data;

/// <summary>Reads every row group of a flat Parquet file into Kiln columns, one column at a time.</summary>
internal sealed class ParquetTableReader(string displayName, CategoricalRule categoricalRule)
{
    public async Task<Table> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, parquetOptions: null, leaveStreamOpen: true, cancellationToken);
        var fields = reader.Schema.GetDataFields();
        foreach (var field in fields)
        {
            if (field.MaxRepetitionLevel > 0 || field.Path.ToList().Count > 1)
            {
                throw new DataFormatException(
                    $"{displayName}: column '{field.Path}' is nested (a list, map or struct field); Kiln reads flat tables only. Flatten it before reading.",
                    file: displayName, column: field.Name);
            }
        }
        var groups = new ParquetRowGroupReader[reader.RowGroupCount];
        long totalRows = 0;
        for (var index = 0; index < groups.Length; index++)
        {
            groups[index] = reader.OpenRowGroupReader(index);
            totalRows += groups[index].RowCount;
        }
        if (totalRows > Array.MaxLength)
            throw new DataFormatException($"{displayName} has {totalRows:N0} rows, more than a table can hold. Split it into parts.", file: displayName);
        var rowCount = (int)totalRows;

        var columns = new List<Column>(fields.Length);
        foreach (var field in fields)
            columns.Add(await ReadColumnAsync(groups, field, rowCount, cancellationToken));
        return new Table(columns);
    }

    /// <summary>Reads row group <paramref name="index"/> of an open file: the <paramref name="names"/> columns (all when null), in file order.</summary>
    public async Task<Table> ReadRowGroupAsync(ParquetReader reader, int index, IReadOnlyCollection<string>? names, CancellationToken cancellationToken)
    {
        var wanted = names is null ? null : new HashSet<string>(names, StringComparer.Ordinal);
        var fields = reader.Schema.GetDataFields().Where(field => wanted is null || wanted.Contains(field.Name)).ToArray();
        using var group = reader.OpenRowGroupReader(index);
        if (group.RowCount > Array.MaxLength)
            throw new DataFormatException($"{displayName}: row group {index} has {group.RowCount:N0} rows, more than a table can hold. Write the file with smaller row groups.", file: displayName);
        var columns = new List<Column>(fields.Length);
        foreach (var field in fields)
        {
            if (field.MaxRepetitionLevel > 0 || field.Path.ToList().Count > 1)
            {
                throw new DataFormatException(
                    $"{displayName}: column '{field.Path}' is nested (a list, map or struct field); Kiln reads flat tables only. Flatten it before reading.",
                    file: displayName, column: field.Name);
            }
            columns.Add(await ReadColumnAsync([group], field, (int)group.RowCount, cancellationToken));
        }
        return new Table(columns);
    }

    private async Task<Column> ReadColumnAsync(ParquetRowGroupReader[] groups, DataField field, int rowCount, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        return type switch
        {
            _ when type == typeof(double) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<double>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(float) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<float>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(decimal) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<decimal>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(long) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<long>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(int) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<int>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(short) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<short>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(sbyte) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<sbyte>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(ulong) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<ulong>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(uint) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<uint>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(ushort) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<ushort>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(byte) => NumericColumn.FromOwned(field.Name, await ReadNumbersAsync<byte>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(bool) => new BooleanColumn(field.Name, await ReadValuesAsync<bool>(groups, field, rowCount, cancellationToken)),
            _ when type == typeof(DateTime) => DateTimeColumn.FromOwnedTicks(field.Name, ToTicks(await ReadValuesAsync<DateTime>(groups, field, rowCount, cancellationToken), value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks)),
            _ when type == typeof(DateTimeOffset) => DateTimeColumn.FromOwnedTicks(field.Name, ToTicks(await ReadValuesAsync<DateTimeOffset>(groups, field, rowCount, cancellationToken), value => value.UtcTicks)),
            _ when type == typeof(DateOnly) => DateTimeColumn.FromOwnedTicks(field.Name, ToTicks(await ReadValuesAsync<DateOnly>(groups, field, rowCount, cancellationToken), value => value.DayNumber * TimeSpan.TicksPerDay)),
            _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => await ReadStringsAsync(groups, field, rowCount, cancellationToken),
            _ => throw new DataFormatException(
                $"{displayName}: column '{field.Name}' holds {type.Name} values, which Kiln cannot read (it reads numbers, booleans, dates, timestamps and strings). " +
                "Convert or drop the column before reading.",
                file: displayName, column: field.Name),
        };
    }

    private static async Task<double[]> ReadNumbersAsync<T>(ParquetRowGroupReader[] groups, DataField field, int rowCount, CancellationToken cancellationToken)
        where T : struct, INumberBase<T>
    {
        var values = await ReadValuesAsync<T>(groups, field, rowCount, cancellationToken);
        var numbers = new double[rowCount];
        for (var row = 0; row < rowCount; row++)
            numbers[row] = values[row] is { } value ? double.CreateSaturating(value) : double.NaN;
        return numbers;
    }

    private static async Task<T?[]> ReadValuesAsync<T>(ParquetRowGroupReader[] groups, DataField field, int rowCount, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[rowCount];
        var offset = 0;
        foreach (var group in groups)
        {
            var length = checked((int)group.RowCount);
            var target = values.AsMemory(offset, length);
            if (field.IsNullable)
            {
                await group.ReadAsync(field, target, repetitionLevels: null, cancellationToken);
            }
            else
            {
                var plain = new T[length];
                await group.ReadAsync<T>(field, plain, repetitionLevels: null, cancellationToken);
                for (var row = 0; row < length; row++)
                    values[offset + row] = plain[row];
            }
            offset += length;
        }
        return values;
    }

    private static long[] ToTicks<T>(T?[] values, Func<T, long> toTicks)
        where T : struct
    {
        var ticks = new long[values.Length];
        for (var row = 0; row < values.Length; row++)
            ticks[row] = values[row] is { } value ? toTicks(value) : DateTimeColumn.MissingTicks;
        return ticks;
    }

    private async Task<Column> ReadStringsAsync(ParquetRowGroupReader[] groups, DataField field, int rowCount, CancellationToken cancellationToken)
    {
        var values = new string?[rowCount];
        var offset = 0;
        string? declaredKind = null;
        foreach (var group in groups)
        {
            var length = checked((int)group.RowCount);
            await group.ReadAsync(field, values.AsMemory(offset, length)!, repetitionLevels: null, cancellationToken);
            offset += length;
            if (declaredKind is null && group.GetCustomMetadata(field).TryGetValue(ParquetTable.KindMetadataKey, out var kind))
                declaredKind = kind;
        }
        var categorical = CategoricalColumn.FromValues(field.Name, values);
        var isCategorical = declaredKind switch
        {
            "categorical" => true,
            "text" => false,
            _ => categoricalRule.IsCategorical(categorical.Categories.Count, rowCount - categorical.MissingCount),
        };
        return isCategorical ? categorical : TextColumn.FromOwned(field.Name, values);
    }
}
