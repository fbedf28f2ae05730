using Kiln.Core.Data;

namespace Kiln.Core.Learners;

/// <summary>Finds a model's input columns in a table by name, so callers may pass columns in any order.</summary>
public static class FeatureColumns
{
    /// <summary>The numeric columns of <paramref name="features"/> named in <paramref name="inputSchema"/>, in schema order.</summary>
    /// <exception cref="SchemaMismatchException">Columns are missing or not numeric; the message lists them all.</exception>
    public static NumericColumn[] Resolve(Schema inputSchema, Table features)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(features);
        var result = new NumericColumn[inputSchema.Count];
        List<string>? missing = null;
        List<string>? wrongKind = null;
        for (var i = 0; i < result.Length; i++)
        {
            var name = inputSchema[i].Name;
            if (!features.TryGetColumn(name, out var column))
                (missing ??= []).Add(name);
            else if (column is NumericColumn numeric)
                result[i] = numeric;
            else
                (wrongKind ??= []).Add($"'{name}' is {column.Kind}");
        }
        if (missing is not null || wrongKind is not null)
        {
            var problems = new List<string>();
            if (missing is not null)
                problems.Add($"missing: {Schema.Describe(missing)}");
            if (wrongKind is not null)
                problems.Add($"not numeric: {string.Join(", ", wrongKind)}");
            throw new SchemaMismatchException(
                $"The model was fitted on {inputSchema.Count} numeric columns, and the input does not have them all ({string.Join("; ", problems)}). " +
                "Pass the columns used in Fit (order does not matter).");
        }
        return result;
    }
}
