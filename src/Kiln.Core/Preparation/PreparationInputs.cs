using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Core.Preparation;

// What every preparation model shares: which columns a fit takes, the training rows it computes from, how Transform
// finds its columns in a table, and the checks its loader makes.
internal static class PreparationInputs
{
    // The columns with role Feature, each of a kind the estimator takes; a target, id, weight or ignored column is never prepared.
    public static ColumnInfo[] Features(TrainingSet data, string estimator, Func<ColumnKind, bool> accepts, string accepted)
    {
        ArgumentNullException.ThrowIfNull(data);
        var features = data.Features.Schema.Features.ToArray();
        if (features.Length == 0)
            throw new SchemaMismatchException($"{estimator} found no feature columns: every column of the table has another role ({data.Features.Schema}).");
        foreach (var (column, role) in new[] { (data.Target, ColumnRole.Target), (data.Weights, ColumnRole.Weight) })
        {
            if (column is not null && Array.Exists(features, feature => feature.Name == column.Name))
            {
                throw new SchemaMismatchException(
                    $"Column '{column.Name}' is the training set's {role.ToString().ToLowerInvariant()} and also has role Feature in its table, so {estimator} would prepare it as a feature. " +
                    $"Give it role {role} in the table (table.WithRole(\"{column.Name}\", ColumnRole.{role})).");
            }
        }
        var wrongKind = features.Where(column => !accepts(column.Kind)).Select(column => $"'{column.Name}' is {column.Kind}").ToList();
        if (wrongKind.Count > 0)
            throw new SchemaMismatchException($"{estimator} takes {accepted} columns, and {string.Join(", ", wrongKind)}. Select the columns it should prepare, or use a ColumnPreparer, which routes each column by kind.");
        if (data.RowCount == 0)
            throw new ArgumentException($"The training set has no rows; {estimator} needs at least one row to learn from.", nameof(data));
        return [.. features.Select(column => column with { Role = ColumnRole.Feature })];
    }

    // The training rows of the named columns as a table of their own: a view's rows are copied in view order, so every
    // statistic is computed from the training rows and nothing else, however large the table the view is of.
    public static Table TrainingRows(TrainingSet data, IEnumerable<string> names)
    {
        var columns = data.Features.Select(names);
        return data.IsView ? columns.Take(data.RowIndices) : columns;
    }

    // Infinities have no mean, median or scale: a training column holding one is refused, naming the row of the source table.
    public static void RequireFinite(TrainingSet data, NumericColumn column, string estimator)
    {
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                var value = values[i] > 0 ? "Infinity" : "-Infinity";
                throw new DataFormatException(
                    $"Column '{column.Name}' holds {value} in row {data.SourceRow(i)}; {estimator} needs finite numbers or missing values (NaN). Remove the row or replace the value.",
                    column: column.Name, value: value);
            }
        }
    }

    // The columns of inputSchema in features, in schema order, looked up by name. Readers decide kinds from the values they
    // see, so a batch may come with a categorical column read as text (or the reverse), or a column with no values read as
    // numeric: those are converted to the kind the model was fitted on. Anything else of the wrong kind is an error.
    public static Column[] Resolve(Schema inputSchema, Table features, string model)
    {
        ArgumentNullException.ThrowIfNull(features);
        var result = new Column[inputSchema.Count];
        // A table built on this very schema (Table.WithKnownSchema: a previous step's output, a served request) holds the
        // columns in order, of the right kinds: no lookups by name.
        if (ReferenceEquals(features.Schema, inputSchema))
        {
            for (var i = 0; i < result.Length; i++)
                result[i] = features[i];
            return result;
        }
        List<string>? missing = null;
        List<string>? wrongKind = null;
        for (var i = 0; i < result.Length; i++)
        {
            var expected = inputSchema[i];
            if (!features.TryGetColumn(expected.Name, out var column))
                (missing ??= []).Add(expected.Name);
            else if (Convert(column, expected.Kind) is { } converted)
                result[i] = converted;
            else
                (wrongKind ??= []).Add($"'{expected.Name}' is {column.Kind} where the model needs {expected.Kind}");
        }
        if (missing is not null || wrongKind is not null)
        {
            var problems = new List<string>();
            if (missing is not null)
                problems.Add($"missing: {Schema.Describe(missing)}");
            if (wrongKind is not null)
                problems.Add($"wrong kind: {string.Join(", ", wrongKind)}");
            throw new SchemaMismatchException(
                $"The {model} was fitted on {inputSchema.Count} columns ({inputSchema}), and the input does not have them all ({string.Join("; ", problems)}). " +
                "Pass the columns used in Fit, of the same kinds (order does not matter, extra columns are ignored).");
        }
        return result;
    }

    public static Column AllMissing(string name, ColumnKind kind, int length) => kind switch
    {
        ColumnKind.Numeric => NumericColumn.FromOwned(name, Filled(length, double.NaN)),
        ColumnKind.Categorical => CategoricalColumn.FromOwned(name, Filled(length, CategoricalColumn.MissingCode), []),
        ColumnKind.Boolean => new BooleanColumn(name, new bool?[length]),
        ColumnKind.DateTime => DateTimeColumn.FromOwnedTicks(name, Filled(length, DateTimeColumn.MissingTicks)),
        ColumnKind.Text => TextColumn.FromOwned(name, new string?[length]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a column kind."),
    };

    // A schema of numeric output columns; a repeated name (a raw column named like an encoded one) is refused with a hint.
    public static Schema NumericOutputs(IEnumerable<string> names, string model)
    {
        var list = names.ToList();
        var duplicates = list.GroupBy(name => name, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new SchemaMismatchException(
                $"The {model} would output more than one column named {Schema.Describe(duplicates)}: an input column is named like an encoded one ('<column>=<category>' or '<column>.<part>'). Rename that input column.");
        }
        return new Schema(list.Select(name => new ColumnInfo(name, ColumnKind.Numeric)));
    }

    // The input schema of a saved preparation model: every column a feature, of a kind the model takes.
    public static Schema LoadInputs(BundleReader reader, Func<ColumnKind, bool> accepts)
    {
        var schema = reader.ReadSchema("inputs");
        if (schema.Count == 0)
            throw reader.Invalid("it has no input columns");
        foreach (var column in schema)
        {
            if (column.Role != ColumnRole.Feature)
                throw reader.Invalid($"input column '{column.Name}' has role {column.Role}; a preparation model's inputs are features");
            if (!accepts(column.Kind))
                throw reader.Invalid($"input column '{column.Name}' is {column.Kind}, which this model does not take");
        }
        return schema;
    }

    public static PreparationDiagnostic[] LoadDiagnostics(BundleReader reader)
    {
        var diagnostics = reader.ReadJson<PreparationDiagnostic[]>("diagnostics");
        if (Array.Exists(diagnostics, diagnostic => diagnostic is null))
            throw reader.Invalid("a diagnostic is null");
        return diagnostics;
    }

    private static Column? Convert(Column column, ColumnKind kind)
    {
        if (column.Kind == kind)
            return column;
        if (kind == ColumnKind.Categorical && column is TextColumn text)
            return CategoricalColumn.FromValues(column.Name, text.Values.ToArray());
        if (kind == ColumnKind.Text && column is CategoricalColumn categorical)
            return TextColumn.FromOwned(column.Name, [.. Enumerable.Range(0, categorical.Length).Select(row => categorical[row])]);
        if (column.MissingCount == column.Length)
            return AllMissing(column.Name, kind, column.Length);
        return null;
    }

    private static T[] Filled<T>(int length, T value)
    {
        var values = new T[length];
        values.AsSpan().Fill(value);
        return values;
    }
}
