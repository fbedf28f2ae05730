using Kiln.Core.Data;

namespace Kiln.Core.Learners.Baseline;

// The baselines ignore the feature values (except to seed per-row draws), but they keep the input signature like
// any other model, so serving checks requests the same way for every model.
internal static class BaselineInputs
{
    public static Schema From(Table features)
    {
        var wrongKind = features.Schema.Where(column => column.Kind != ColumnKind.Numeric).Select(column => $"'{column.Name}' is {column.Kind}").ToList();
        if (wrongKind.Count > 0)
        {
            throw new SchemaMismatchException(
                $"Learners take numeric features, and {string.Join(", ", wrongKind)}. Prepare the table first (encode categories, parse dates).");
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

    public static Schema Load(Persistence.BundleReader reader)
    {
        var schema = reader.ReadSchema("inputs");
        foreach (var column in schema)
        {
            if (column.Kind != ColumnKind.Numeric)
                throw reader.Invalid($"input column '{column.Name}' is {column.Kind}; the model takes numeric columns only");
        }
        return schema;
    }
}
