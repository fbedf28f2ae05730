using System.Globalization;
using System.Text.Json;
using Kiln.Core.Data;

namespace Kiln.Serving.Requests;

/// <summary>Reads an Open Inference Protocol v2 request (<c>POST /v2/models/{name}/infer</c>) into the raw table to score.</summary>
/// <param name="Rows">The rows, with exactly the model's input columns.</param>
/// <param name="Id">The request's <c>id</c>, when it sent one.</param>
internal sealed record InferenceRequest(Table Rows, string? Id)
{
    private static readonly string[] NumericTypes = ["FP64", "FP32", "FP16", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8"];

    public static InferenceRequest FromJson(JsonElement root, Schema schema, ServingOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw RequestProblem.Input($"The body is {CellTable.Shown(root)}; it must be a JSON object with 'inputs', an array of tensors {{\"name\", \"shape\", \"datatype\", \"data\"}}.");
        string? id = null;
        JsonElement inputs = default;
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "id" when member.Value.ValueKind == JsonValueKind.String:
                    id = InvocationsRequest.TextLimit(member.Value.GetString()!, 200);
                    break;
                case "id":
                    throw RequestProblem.Input($"'id' is {CellTable.Shown(member.Value)}; it must be a string.", "id");
                case "inputs":
                    inputs = member.Value;
                    break;
                case "parameters" or "outputs":
                    break;
                default:
                    throw RequestProblem.Input($"The body has the member '{InvocationsRequest.TextLimit(member.Name, 60)}', which the inference protocol does not define; send 'inputs' (and optionally 'id', 'parameters', 'outputs').", InvocationsRequest.TextLimit(member.Name, 60));
            }
        }
        if (inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0)
            throw RequestProblem.Input("The body needs 'inputs', a non-empty array of tensors {\"name\", \"shape\", \"datatype\", \"data\"}: one per input column, or one 2-D FP64/FP32 tensor [rows, features] in the model's input order.", "inputs");
        var tensors = inputs.EnumerateArray().Select((tensor, index) => Tensor.Read(tensor, index, options, schema.Count)).ToArray();
        if (tensors.Length == 1 && tensors[0].Shape.Length == 2 && !(schema.Count == 1 && tensors[0].Name == schema[0].Name && tensors[0].Shape[1] == 1))
            return new InferenceRequest(FromMatrix(tensors[0], schema, options), id);
        return new InferenceRequest(FromColumns(tensors, schema, options), id);
    }

    private static Table FromMatrix(Tensor tensor, Schema schema, ServingOptions options)
    {
        var field = tensor.Field;
        if (!NumericTypes.Contains(tensor.Datatype, StringComparer.Ordinal))
            throw RequestProblem.Input($"{field} is 2-D with datatype {tensor.Datatype}; a 2-D tensor must be FP64 or FP32 (or an integer type), with one column per model input.", tensor.Name);
        var nonNumeric = schema.Where(column => column.Kind != ColumnKind.Numeric).ToArray();
        if (nonNumeric.Length > 0)
            throw RequestProblem.Input($"{field} is one 2-D numeric tensor, but the model also takes {string.Join(", ", nonNumeric.Select(column => $"{column.Name} ({CellGrid.Describe(column.Kind)})"))}; send one tensor per input column, named after it.", tensor.Name);
        var (rows, width) = (tensor.Shape[0], tensor.Shape[1]);
        if (width != schema.Count)
            throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"{field} has shape [{rows}, {width}]; the model takes {schema.Count} features, in this order: {string.Join(", ", schema.Names)}."), tensor.Name);
        if (rows > options.MaxRows)
            throw CellGrid.TooManyRows(rows, options, tensor.Name);
        var cells = new JsonElement[schema.Count][];
        for (var j = 0; j < schema.Count; j++)
        {
            cells[j] = new JsonElement[rows];
            for (var row = 0; row < rows; row++)
                cells[j][row] = tensor.Data[(row * width) + j];
        }
        return CellTable.Build(schema, cells, (int)rows);
    }

    private static Table FromColumns(Tensor[] tensors, Schema schema, ServingOptions options)
    {
        var byName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            if (!schema.Contains(tensor.Name))
                throw RequestProblem.Input($"{tensor.Field} names no input of the model; its inputs are {string.Join(", ", schema.Select(column => $"{column.Name} ({CellGrid.Describe(column.Kind)})"))}.", tensor.Name);
            if (!byName.TryAdd(tensor.Name, tensor))
                throw RequestProblem.Input($"{tensor.Field} repeats input '{tensor.Name}'; send each input once.", tensor.Name);
            if (tensor.Shape.Length > 2 || (tensor.Shape.Length == 2 && tensor.Shape[1] != 1))
                throw RequestProblem.Input($"{tensor.Field} has shape [{string.Join(", ", tensor.Shape)}]; a per-column tensor has shape [rows] or [rows, 1].", tensor.Name);
            var kind = schema[tensor.Name].Kind;
            var fits = kind switch
            {
                ColumnKind.Numeric => NumericTypes.Contains(tensor.Datatype, StringComparer.Ordinal),
                ColumnKind.Boolean => tensor.Datatype == "BOOL",
                ColumnKind.Categorical => tensor.Datatype == "BYTES" || NumericTypes.Contains(tensor.Datatype, StringComparer.Ordinal),
                _ => tensor.Datatype == "BYTES",
            };
            if (!fits)
            {
                var expected = kind switch { ColumnKind.Numeric => "FP64 or FP32 (or an integer type)", ColumnKind.Boolean => "BOOL", _ => "BYTES (strings)" };
                throw RequestProblem.Input($"{tensor.Field} has datatype {tensor.Datatype}; input '{tensor.Name}' is a {CellGrid.Describe(kind)} column, sent as {expected}.", tensor.Name);
            }
        }
        var missing = schema.Where(column => !byName.ContainsKey(column.Name)).ToArray();
        if (missing.Length > 0)
            throw CellGrid.MissingColumns(missing, schema, "inputs");
        var rows = byName[schema[0].Name].Shape[0];
        foreach (var tensor in tensors)
        {
            if (tensor.Shape[0] != rows)
                throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"{tensor.Field} has {tensor.Shape[0]} rows where input '{schema[0].Name}' has {rows}; every input needs one value per row."), tensor.Name);
        }
        if (rows == 0)
            throw RequestProblem.Input("The input tensors have no rows; send at least one row to score.", schema[0].Name);
        if (rows > options.MaxRows)
            throw CellGrid.TooManyRows(rows, options, "inputs");
        return CellTable.Build(schema, [.. schema.Select(column => byName[column.Name].Data)], (int)rows);
    }

    /// <summary>One input tensor with its data flattened in row-major order.</summary>
    private sealed record Tensor(string Name, string Field, string Datatype, long[] Shape, JsonElement[] Data)
    {
        public static Tensor Read(JsonElement tensor, int index, ServingOptions options, int columns)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"inputs[{index}]");
            if (tensor.ValueKind != JsonValueKind.Object)
                throw RequestProblem.Input($"{at} is {CellTable.Shown(tensor)}; each input is an object {{\"name\", \"shape\", \"datatype\", \"data\"}}.", at);
            var name = tensor.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
                ? InvocationsRequest.TextLimit(nameElement.GetString()!, 100)
                : throw RequestProblem.Input($"{at} needs 'name', a string: the input column it holds (or any name for one 2-D tensor).", $"{at}.name");
            var field = $"{at} ('{name}')";
            var datatype = tensor.TryGetProperty("datatype", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
                ? InvocationsRequest.TextLimit(typeElement.GetString()!, 20)
                : throw RequestProblem.Input($"{field} needs 'datatype': FP64, FP32, an integer type, BOOL or BYTES.", name);
            if (!NumericTypes.Contains(datatype, StringComparer.Ordinal) && datatype is not ("BOOL" or "BYTES"))
                throw RequestProblem.Input($"{field} has datatype '{datatype}'; use FP64, FP32, an integer type (INT8…INT64, UINT8…UINT64), BOOL or BYTES.", name);
            if (!tensor.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array || shapeElement.GetArrayLength() is 0 or > 2)
                throw RequestProblem.Input($"{field} needs 'shape', an array of 1 or 2 sizes: [rows], [rows, 1] or [rows, features].", name);
            var shape = new long[shapeElement.GetArrayLength()];
            var position = 0;
            foreach (var size in shapeElement.EnumerateArray())
            {
                if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var value) || value < 0 || value > (long)options.MaxRows * Math.Max(columns, 1))
                    throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"{field} has shape size {CellTable.Shown(size)}; sizes are whole numbers from 0 to the row limit ({options.MaxRows})."), name);
                shape[position++] = value;
            }
            var expected = shape.Aggregate(1L, (product, size) => product * size);
            if (!tensor.TryGetProperty("data", out var dataElement) || dataElement.ValueKind != JsonValueKind.Array)
                throw RequestProblem.Input($"{field} needs 'data', an array of values (flat in row-major order, or nested).", name);
            var data = new List<JsonElement>();
            Flatten(dataElement, data, expected, field, name);
            if (data.Count != expected)
                throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"{field} has {data.Count} values, but shape [{string.Join(", ", shape)}] needs {expected}."), name);
            return new Tensor(name, field, datatype, shape, [.. data]);
        }

        private static void Flatten(JsonElement array, List<JsonElement> into, long expected, string field, string name)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Array)
                    Flatten(item, into, expected, field, name);
                else
                    into.Add(item);
                if (into.Count > expected)
                    throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"{field} has more values than its shape's {expected}."), name);
            }
        }
    }
}
