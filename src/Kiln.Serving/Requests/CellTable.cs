using System.Globalization;
using System.Text.Json;
using Kiln.Core.Data;

namespace Kiln.Serving.Requests;

/// <summary>Turns JSON cells, one array per input column, into the raw <see cref="Table"/> a pipeline takes, checking each cell against its column's kind.</summary>
/// <remarks>
/// Numbers: a finite JSON number, or <c>null</c> for missing. Categories and text: a string, a number (its text, so a code
/// column of digits works), or <c>null</c>. Booleans: <c>true</c>/<c>false</c>, the strings <c>"true"</c>/<c>"false"</c>, or
/// <c>null</c>. Date-times: an ISO-8601 string as CSV files take, or <c>null</c>. Anything else is a 400 naming the column and row.
/// </remarks>
internal static class CellTable
{
    public static Table Build(Schema schema, JsonElement[][] cells, int rows)
    {
        var columns = new Column[schema.Count];
        for (var j = 0; j < schema.Count; j++)
            columns[j] = BuildColumn(schema[j], cells[j], rows);
        return Table.WithKnownSchema(columns, schema);
    }

    private static Column BuildColumn(ColumnInfo column, JsonElement[] cells, int rows) => column.Kind switch
    {
        ColumnKind.Numeric => Numbers(column.Name, cells, rows),
        ColumnKind.Categorical => CategoricalColumn.FromValues(column.Name, Strings(column, cells, rows)),
        ColumnKind.Text => TextColumn.FromOwned(column.Name, Strings(column, cells, rows)),
        ColumnKind.Boolean => Booleans(column.Name, cells, rows),
        ColumnKind.DateTime => Dates(column.Name, cells, rows),
        _ => throw new InvalidOperationException($"Column '{column.Name}' has kind {column.Kind}, which serving does not know."),
    };

    private static NumericColumn Numbers(string name, JsonElement[] cells, int rows)
    {
        var values = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var cell = cells[row];
            values[row] = cell.ValueKind switch
            {
                JsonValueKind.Null => double.NaN,
                JsonValueKind.Number when cell.TryGetDouble(out var value) && double.IsFinite(value) => value,
                JsonValueKind.Number => throw RequestProblem.Input($"Column '{name}' row {row}: {Shown(cell)} is not a finite number; send a number within ±1.7e308, or null for a missing value.", name, row),
                _ => throw Wrong(name, row, cell, "a number (or null for a missing value)"),
            };
        }
        return NumericColumn.FromOwned(name, values);
    }

    private static string?[] Strings(ColumnInfo column, JsonElement[] cells, int rows)
    {
        var values = new string?[rows];
        for (var row = 0; row < rows; row++)
        {
            var cell = cells[row];
            values[row] = cell.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => cell.GetString(),
                JsonValueKind.Number => cell.GetRawText(),
                _ => throw Wrong(column.Name, row, cell, column.Kind == ColumnKind.Text ? "a string (or null)" : "a category as a string (or null for a missing value)"),
            };
        }
        return values;
    }

    private static BooleanColumn Booleans(string name, JsonElement[] cells, int rows)
    {
        var values = new bool?[rows];
        for (var row = 0; row < rows; row++)
        {
            var cell = cells[row];
            values[row] = cell.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when string.Equals(cell.GetString(), "true", StringComparison.OrdinalIgnoreCase) => true,
                JsonValueKind.String when string.Equals(cell.GetString(), "false", StringComparison.OrdinalIgnoreCase) => false,
                _ => throw Wrong(name, row, cell, "true, false or null"),
            };
        }
        return new BooleanColumn(name, values);
    }

    private static DateTimeColumn Dates(string name, JsonElement[] cells, int rows)
    {
        var ticks = new long[rows];
        for (var row = 0; row < rows; row++)
        {
            var cell = cells[row];
            if (cell.ValueKind == JsonValueKind.Null)
                ticks[row] = DateTimeColumn.MissingTicks;
            else if (cell.ValueKind == JsonValueKind.String && IsoDateParser.TryParse(cell.GetString(), out var parsed))
                ticks[row] = parsed;
            else
                throw Wrong(name, row, cell, "an ISO-8601 date or timestamp string such as \"2024-03-04\" or \"2024-03-04T05:06:07Z\" (or null)");
        }
        return DateTimeColumn.FromOwnedTicks(name, ticks);
    }

    private static RequestProblem Wrong(string name, int row, JsonElement cell, string expected) =>
        RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"Column '{name}' row {row}: expected {expected}, got {Shown(cell)}."), name, row);

    /// <summary>A cell as the client wrote it, shortened.</summary>
    public static string Shown(JsonElement cell)
    {
        var text = cell.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.Undefined => "nothing",
            _ => cell.GetRawText(),
        };
        return text.Length > 60 ? string.Concat(text.AsSpan(0, 57), "...") : text;
    }
}
