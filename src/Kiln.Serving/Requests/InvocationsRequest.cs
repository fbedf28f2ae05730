using System.Globalization;
using System.Text.Json;
using Kiln.Core.Data;

namespace Kiln.Serving.Requests;

/// <summary>Reads an MLflow scoring request (<c>POST /invocations</c>) into the raw table to score.</summary>
/// <param name="Rows">The rows, with exactly the model's input columns.</param>
/// <param name="Probabilities">Whether <c>params</c> asked for class probabilities.</param>
internal sealed record InvocationsRequest(Table Rows, bool Probabilities)
{
    public const string DataframeSplit = "dataframe_split";
    public const string DataframeRecords = "dataframe_records";
    public const string Instances = "instances";
    public const string Inputs = "inputs";
    public const string Params = "params";
    public const string ProbabilitiesParameter = "probabilities";

    private static readonly string[] Formats = [DataframeSplit, DataframeRecords, Instances, Inputs];

    private static readonly string FormatList = string.Join(", ", Formats);

    public static InvocationsRequest FromJson(JsonElement root, Schema schema, ServingOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw RequestProblem.Input($"The body is {CellTable.Shown(root)}; it must be a JSON object with exactly one of {FormatList}, and optionally {Params}.");
        string? format = null;
        JsonElement data = default;
        var probabilities = false;
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name == Params)
            {
                probabilities = ReadParams(member.Value);
            }
            else if (Formats.Contains(member.Name, StringComparer.Ordinal))
            {
                if (format is not null)
                    throw RequestProblem.Input($"The body has both '{format}' and '{member.Name}'; send exactly one of {FormatList}.", member.Name);
                format = member.Name;
                data = member.Value;
            }
            else
            {
                throw RequestProblem.Input($"The body has the member '{Shorten(member.Name)}', which this contract does not know; send exactly one of {FormatList}, and optionally {Params}.", Shorten(member.Name));
            }
        }
        var rows = format switch
        {
            DataframeSplit => FromSplit(data, schema, options),
            DataframeRecords => CellGrid.FromRecords(data, schema, options, DataframeRecords),
            Instances => FromList(data, schema, options, Instances),
            Inputs when data.ValueKind == JsonValueKind.Object => CellGrid.FromColumns(data, schema, options, Inputs),
            Inputs => FromList(data, schema, options, Inputs),
            _ => throw RequestProblem.Input($"The body has none of {FormatList}; send the rows in one of them, e.g. {{\"{DataframeSplit}\": {{\"columns\": [...], \"data\": [[...]]}}}}."),
        };
        return new InvocationsRequest(rows, probabilities);
    }

    public static InvocationsRequest FromCsv(byte[] body, Schema schema, ServingOptions options)
    {
        var kinds = schema.ToDictionary(column => column.Name, column => column.Kind, StringComparer.Ordinal);
        Table table;
        try
        {
            table = ReadCsv(body, kinds);
        }
        catch (SchemaMismatchException exception)
        {
            // The header lacks a column the model needs: read it as it is to list every one that is missing.
            var header = ReadCsv(body, new Dictionary<string, ColumnKind>(StringComparer.Ordinal)).Schema;
            var missing = schema.Where(column => !header.Contains(column.Name)).ToArray();
            throw missing.Length > 0 ? CellGrid.MissingColumns(missing, schema, "the CSV header") : RequestProblem.Input($"The CSV body cannot be read: {exception.Message}");
        }
        if (table.RowCount == 0)
            throw RequestProblem.Input("The CSV body has a header but no rows; send at least one row to score.");
        if (table.RowCount > options.MaxRows)
            throw CellGrid.TooManyRows(table.RowCount, options, "the CSV body");
        var columns = new List<Column>(schema.Count);
        foreach (var wanted in schema)
        {
            var column = table[wanted.Name];
            if (column is NumericColumn numbers)
            {
                for (var row = 0; row < numbers.Length; row++)
                {
                    if (double.IsInfinity(numbers[row]))
                        throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"Column '{wanted.Name}' row {row}: {numbers[row]} is not a finite number; leave the cell empty for a missing value."), wanted.Name, row);
                }
            }
            columns.Add(column);
        }
        return new InvocationsRequest(new Table(columns), Probabilities: false);
    }

    private static Table ReadCsv(byte[] body, Dictionary<string, ColumnKind> kinds)
    {
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            return CsvTable.Read(stream, "the request body", new CsvReadOptions { ColumnKinds = kinds, Delimiter = ',' });
        }
        catch (DataFormatException exception)
        {
            throw RequestProblem.Input($"The CSV body cannot be read: {exception.Message}", exception.Column);
        }
    }

    private static Table FromSplit(JsonElement split, Schema schema, ServingOptions options)
    {
        if (split.ValueKind != JsonValueKind.Object)
            throw RequestProblem.Input($"'{DataframeSplit}' is {CellTable.Shown(split)}; it must be an object {{\"columns\": [...], \"data\": [[...], ...]}}.", DataframeSplit);
        if (!split.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array)
            throw RequestProblem.Input($"'{DataframeSplit}' needs 'columns', an array of the column names in the order of each data row.", $"{DataframeSplit}.columns");
        if (!split.TryGetProperty("data", out var data))
            throw RequestProblem.Input($"'{DataframeSplit}' needs 'data', an array of rows, each an array of values in the order of 'columns'.", $"{DataframeSplit}.data");
        // Names to positions in one pass: the duplicate and missing checks, and each input's position, are lookups.
        var positions = new Dictionary<string, int>(columns.GetArrayLength(), StringComparer.Ordinal);
        foreach (var name in columns.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String)
                throw RequestProblem.Input($"'{DataframeSplit}.columns' holds {CellTable.Shown(name)}; column names are strings.", $"{DataframeSplit}.columns");
            var text = name.GetString()!;
            if (!positions.TryAdd(text, positions.Count))
                throw RequestProblem.Input($"'{DataframeSplit}.columns' names '{Shorten(text)}' twice; name each column once.", Shorten(text));
        }
        var order = new int[schema.Count];
        List<ColumnInfo>? missing = null;
        for (var j = 0; j < schema.Count; j++)
        {
            if (positions.TryGetValue(schema[j].Name, out var position))
                order[j] = position;
            else
                (missing ??= []).Add(schema[j]);
        }
        if (missing is not null)
            throw CellGrid.MissingColumns(missing, schema, $"{DataframeSplit}.columns");
        return CellGrid.FromRows(data, schema, options, $"{DataframeSplit}.data", order, positions.Count);
    }

    // 'instances' or a list of 'inputs': records (objects) or rows (arrays in input order); a one-column model also takes bare values.
    private static Table FromList(JsonElement list, Schema schema, ServingOptions options, string field)
    {
        CellGrid.RowCount(list, options, field);
        var first = list[0];
        if (first.ValueKind == JsonValueKind.Object)
            return CellGrid.FromRecords(list, schema, options, field);
        if (first.ValueKind == JsonValueKind.Array)
            return CellGrid.FromRows(list, schema, options, field);
        if (schema.Count == 1)
        {
            var values = list.EnumerateArray().ToArray();
            return CellTable.Build(schema, [values], values.Length);
        }
        throw RequestProblem.Input($"'{field}' row 0 is {CellTable.Shown(first)}; send records (objects of column names to values) or rows (arrays of values in the model's input order: {string.Join(", ", schema.Names)}).", field, 0);
    }

    private static bool ReadParams(JsonElement parameters)
    {
        if (parameters.ValueKind == JsonValueKind.Null)
            return false;
        if (parameters.ValueKind != JsonValueKind.Object)
            throw RequestProblem.Input($"'{Params}' is {CellTable.Shown(parameters)}; it must be an object such as {{\"{ProbabilitiesParameter}\": true}}.", Params);
        var probabilities = false;
        foreach (var member in parameters.EnumerateObject())
        {
            if (member.Name != ProbabilitiesParameter)
                throw RequestProblem.Input($"'{Params}' has '{Shorten(member.Name)}', which this server does not know; the one parameter is '{ProbabilitiesParameter}' (true or false).", $"{Params}.{Shorten(member.Name)}");
            probabilities = member.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw RequestProblem.Input($"'{Params}.{ProbabilitiesParameter}' is {CellTable.Shown(member.Value)}; it must be true or false.", $"{Params}.{ProbabilitiesParameter}"),
            };
        }
        return probabilities;
    }

    private static string Shorten(string text) => TextLimit(text, 60);

    internal static string TextLimit(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 3), "...");
}
