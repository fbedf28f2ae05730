using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners;

// The input checks every learner on numeric features shares: the input schema at fit time, the shapes of single-row
// input and destinations at predict time, and the saved input schema on load.
internal static class NumericInputs
{
    // The model's input schema: the feature table's, once every column is known to be numeric.
    public static Schema From(Table features, string learner)
    {
        var wrongKind = features.Schema.Where(column => column.Kind != ColumnKind.Numeric).Select(column => $"'{column.Name}' is {column.Kind}").ToList();
        if (wrongKind.Count > 0)
        {
            throw new SchemaMismatchException(
                $"{learner} takes numeric features, and {string.Join(", ", wrongKind)}. Prepare the table first (one-hot encode categories, parse dates).");
        }
        return features.Schema;
    }

    public static void CheckRow(Schema inputSchema, ReadOnlySpan<double> features)
    {
        if (features.Length != inputSchema.Count)
            throw new ArgumentException($"The row has {features.Length} values; the model takes {inputSchema.Count} ({inputSchema}).", nameof(features));
    }

    public static void CheckDestination(int rowCount, int valuesPerRow, int destinationLength)
    {
        if (destinationLength != (long)rowCount * valuesPerRow)
            throw new ArgumentException($"The destination holds {destinationLength} values; {rowCount} rows need {(long)rowCount * valuesPerRow}.");
    }

    // The saved input schema; `requireColumns` refuses a model without inputs (those that need at least one feature).
    public static Schema Load(BundleReader reader, bool requireColumns)
    {
        var schema = reader.ReadSchema("inputs");
        if (requireColumns && schema.Count == 0)
            throw reader.Invalid("the model has no input columns");
        foreach (var column in schema)
        {
            if (column.Kind != ColumnKind.Numeric)
                throw reader.Invalid($"input column '{column.Name}' is {column.Kind}; the model takes numeric columns only");
        }
        return schema;
    }
}
