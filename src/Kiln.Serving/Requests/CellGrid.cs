using System.Globalization;
using System.Text.Json;
using Kiln.Core.Data;
using Microsoft.AspNetCore.Http;

namespace Kiln.Serving.Requests;

/// <summary>The cells of a request as one array per input column, gathered from the MLflow shapes (records, rows, split, columns).</summary>
internal static class CellGrid
{
    /// <summary>An array of objects, one per row, with a member per column.</summary>
    public static Table FromRecords(JsonElement records, Schema schema, ServingOptions options, string field)
    {
        var rows = RowCount(records, options, field);
        var cells = Allocate(schema, rows);
        var items = records.EnumerateArray().ToArray();
        for (var row = 0; row < rows; row++)
        {
            var record = items[row];
            if (record.ValueKind != JsonValueKind.Object)
                throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{field}' row {row} is {CellTable.Shown(record)}; each record must be an object of column names to values."), field, row);
        }
        var missing = schema.Where(column => !items.Any(record => record.TryGetProperty(column.Name, out _))).ToArray();
        if (missing.Length > 0)
            throw MissingColumns(missing, schema, field);
        for (var j = 0; j < schema.Count; j++)
        {
            var name = schema[j].Name;
            for (var row = 0; row < rows; row++)
            {
                if (!items[row].TryGetProperty(name, out cells[j][row]))
                    throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{field}' row {row} has no '{name}'; every record needs every input column (send null for a missing value)."), name, row);
            }
        }
        return CellTable.Build(schema, cells, rows);
    }

    /// <summary>An array of arrays, one per row, with the values in the model's input order.</summary>
    public static Table FromRows(JsonElement data, Schema schema, ServingOptions options, string field) =>
        FromRows(data, schema, options, field, order: null, schema.Count);

    /// <summary>
    /// An array of arrays, one per row, each <paramref name="width"/> values long; input <c>j</c> is at position
    /// <c>order[j]</c> of a row (the model's input order when <paramref name="order"/> is null). Values at no input's
    /// position are ignored.
    /// </summary>
    public static Table FromRows(JsonElement data, Schema schema, ServingOptions options, string field, int[]? order, int width)
    {
        var rows = RowCount(data, options, field);
        var cells = Allocate(schema, rows);
        // For each position of a row, the input it holds, or -1.
        var inputAt = new int[width];
        Array.Fill(inputAt, -1);
        for (var j = 0; j < schema.Count; j++)
            inputAt[order is null ? j : order[j]] = j;
        var row = 0;
        foreach (var values in data.EnumerateArray())
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != width)
                throw WrongRow(values, row, schema, field, width, order is null);
            var position = 0;
            foreach (var value in values.EnumerateArray())
            {
                var input = inputAt[position++];
                if (input >= 0)
                    cells[input][row] = value;
            }
            row++;
        }
        return CellTable.Build(schema, cells, rows);
    }

    private static RequestProblem WrongRow(JsonElement values, int row, Schema schema, string field, int width, bool inputOrder)
    {
        var inOrder = inputOrder
            ? $" in the model's input order ({string.Join(", ", schema.Names)})"
            : width == schema.Count ? string.Empty : ", one per name in 'columns'";
        return RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{field}' row {row} is {CellTable.Shown(values)}; each row must be an array of {width} values{inOrder}."), field, row);
    }

    /// <summary>An object of column names to arrays of values, all of one length.</summary>
    public static Table FromColumns(JsonElement columns, Schema schema, ServingOptions options, string field)
    {
        var missing = schema.Where(column => !columns.TryGetProperty(column.Name, out _)).ToArray();
        if (missing.Length > 0)
            throw MissingColumns(missing, schema, field);
        int? rows = null;
        var cells = new JsonElement[schema.Count][];
        for (var j = 0; j < schema.Count; j++)
        {
            var name = schema[j].Name;
            var values = columns.GetProperty(name);
            if (values.ValueKind != JsonValueKind.Array)
                throw RequestProblem.Input($"'{field}.{name}' is {CellTable.Shown(values)}; in the columns form each column is an array of values, one per row.", name);
            var count = RowCount(values, options, $"{field}.{name}");
            if (rows is { } expected && count != expected)
                throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{field}.{name}' has {count} values where '{field}.{schema[0].Name}' has {expected}; every column needs one value per row."), name);
            rows = count;
            cells[j] = [.. values.EnumerateArray()];
        }
        return CellTable.Build(schema, cells, rows ?? 0);
    }

    public static int RowCount(JsonElement array, ServingOptions options, string field)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw RequestProblem.Input($"'{field}' is {CellTable.Shown(array)}; it must be an array.", field);
        var rows = array.GetArrayLength();
        if (rows == 0)
            throw RequestProblem.Input($"'{field}' has no rows; send at least one row to score.", field);
        if (rows > options.MaxRows)
            throw TooManyRows(rows, options, field);
        return rows;
    }

    public static RequestProblem TooManyRows(long rows, ServingOptions options, string field) =>
        new(StatusCodes.Status413PayloadTooLarge, "Too many rows",
            string.Create(CultureInfo.InvariantCulture, $"'{field}' has {rows} rows; this server scores at most {options.MaxRows} rows per request. Split the rows over several requests."), field);

    public static RequestProblem MissingColumns(IReadOnlyList<ColumnInfo> missing, Schema schema, string field)
    {
        var names = string.Join(", ", missing.Select(column => $"'{column.Name}'"));
        var needed = string.Join(", ", schema.Select(column => $"{column.Name} ({Describe(column.Kind)})"));
        return RequestProblem.Input($"'{field}' lacks the input column{(missing.Count == 1 ? string.Empty : "s")} {names}; the model needs: {needed}. Send null for a missing value.", missing[0].Name);
    }

    public static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "number",
        ColumnKind.Categorical => "category",
        ColumnKind.Boolean => "boolean",
        ColumnKind.DateTime => "date-time",
        _ => "text",
    };

    private static JsonElement[][] Allocate(Schema schema, int rows)
    {
        var cells = new JsonElement[schema.Count][];
        for (var j = 0; j < cells.Length; j++)
            cells[j] = new JsonElement[rows];
        return cells;
    }
}
