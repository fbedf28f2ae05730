using System.Globalization;
using System.Runtime.CompilerServices;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.LightGbm;

// The feature columns of one LightGBM model, in the order LightGBM numbers them, and for each categorical column the categories
// its codes stand for. A numeric column reaches LightGBM as its values (NaN missing). A categorical column reaches it as the
// code of its category in Categories(column) (0, 1, 2, ... as float), with LightGBM told through categorical_feature=; a missing
// value, and at prediction a category not seen in training, becomes -1, which LightGBM documents as missing for a categorical
// feature: at every categorical split it goes to the right child, with the categories outside the split's set.
internal sealed class LightGbmFeatures
{
    public const double MissingCategory = -1.0;

    private const int MaxStackFeatures = 1024;

    private readonly string[]?[] _categories;
    private readonly int[] _categoricalIndices;

    private LightGbmFeatures(Schema schema, string[]?[] categories)
    {
        Schema = schema;
        _categories = categories;
        _categoricalIndices = [.. Enumerable.Range(0, schema.Count).Where(index => categories[index] is not null)];
    }

    // The model's input columns: numeric or categorical, in LightGBM's feature order.
    public Schema Schema { get; }

    public int Count => Schema.Count;

    public IReadOnlyList<int> CategoricalIndices => _categoricalIndices;

    // LightGBM's categorical_feature value ("0,5"), or null when every feature is numeric.
    public string? CategoricalParameter => CategoricalIndices.Count == 0
        ? null
        : string.Join(',', CategoricalIndices.Select(index => index.ToString(CultureInfo.InvariantCulture)));

    public static LightGbmFeatures FromTraining(TrainingSet data, string learner)
    {
        var schema = data.Features.Schema;
        var wrongKind = schema.Where(column => column.Kind is not (ColumnKind.Numeric or ColumnKind.Categorical)).Select(column => $"'{column.Name}' is {column.Kind}").ToList();
        if (wrongKind.Count > 0)
            throw new SchemaMismatchException($"{learner} takes numeric and categorical features, and {string.Join(", ", wrongKind)}. Prepare the table first (booleans as numbers, dates as parts, text as categories).");
        if (schema.Count == 0)
            throw new ArgumentException($"{learner} needs at least one feature column; the training set has none.", nameof(data));
        if (data.RowCount == 0)
            throw new ArgumentException($"{learner} needs at least one training row; the training set has none.", nameof(data));
        var categories = new string[]?[schema.Count];
        for (var j = 0; j < schema.Count; j++)
        {
            if (data.Features[j] is CategoricalColumn column)
                categories[j] = [.. column.Categories];
        }
        return new LightGbmFeatures(new Schema(schema.Select(column => new ColumnInfo(column.Name, column.Kind))), categories);
    }

    public static LightGbmFeatures Load(BundleReader reader)
    {
        var schema = reader.ReadSchema("inputs");
        if (schema.Count == 0)
            throw reader.Invalid("the model has no input columns");
        var stored = reader.ReadJson<Dictionary<string, string[]>>("categories");
        var categories = new string[]?[schema.Count];
        for (var j = 0; j < schema.Count; j++)
        {
            var column = schema[j];
            if (column.Kind == ColumnKind.Numeric)
                continue;
            if (column.Kind != ColumnKind.Categorical)
                throw reader.Invalid($"input column '{column.Name}' is {column.Kind}; the model takes numeric and categorical columns only");
            if (!stored.TryGetValue(column.Name, out var list) || list is null)
                throw reader.Invalid($"it lists no categories for the categorical input column '{column.Name}'");
            if (list.Any(category => category is null) || list.Distinct(StringComparer.Ordinal).Count() != list.Length)
                throw reader.Invalid($"the categories of '{column.Name}' must be distinct and not null");
            categories[j] = list;
        }
        var extra = stored.Keys.Where(name => !schema.TryGetIndex(name, out var index) || categories[index] is null).ToList();
        if (extra.Count > 0)
            throw reader.Invalid($"it lists categories for {string.Join(", ", extra)}, which are not categorical input columns");
        return new LightGbmFeatures(schema, categories);
    }

    public void Save(BundleWriter writer)
    {
        writer.WriteSchema("inputs", Schema);
        var stored = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var index in CategoricalIndices)
            stored.Add(Schema[index].Name, _categories[index]!);
        writer.WriteJson("categories", stored);
    }

    // Predicts one row given as numbers (a categorical feature as its code); a NaN categorical value is passed as -1, the
    // missing value LightGBM documents for categorical features.
    public void PredictRow(LightGbmBooster booster, ReadOnlySpan<double> row, Span<double> destination)
    {
        if (_categoricalIndices.Length == 0)
        {
            booster.PredictRow(row, destination);
            return;
        }
        var copy = row.Length <= MaxStackFeatures ? stackalloc double[row.Length] : new double[row.Length];
        row.CopyTo(copy);
        for (var i = 0; i < _categoricalIndices.Length; i++)
        {
            var index = _categoricalIndices[i];
            if (double.IsNaN(copy[index]))
                copy[index] = MissingCategory;
        }
        booster.PredictRow(copy, destination);
    }

    // The categories of categorical input `column`, in code order; null for a numeric column.
    public IReadOnlyList<string>? Categories(int column) => _categories[column];

    // The rows of a training or validation set: columns found by name, categories mapped to the model's codes by name.
    public LightGbmMatrix Matrix(TrainingSet data) => Matrix(data.Features, data.RowIndices);

    // Rows to predict: every row of the table, columns found by name, categories mapped to the model's codes by name.
    public LightGbmMatrix Matrix(Table features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var rows = new int[features.RowCount];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = i;
        return Matrix(features, rows);
    }

    // Fills the row-major matrix a block of rows at a time, so that the block being written stays in cache while every column
    // is copied into it.
    private LightGbmMatrix Matrix(Table features, ReadOnlySpan<int> rows)
    {
        const int BlockRows = 256;
        var columns = Resolve(features);
        var toModel = new int[]?[Count];
        for (var j = 0; j < Count; j++)
        {
            // The training column itself (or one with the same dictionary) needs no mapping.
            if (columns[j] is CategoricalColumn categorical && !categorical.Categories.SequenceEqual(_categories[j]!, StringComparer.Ordinal))
                toModel[j] = ToModelCodes(categorical.Categories, _categories[j]!);
        }
        var values = new double[(long)rows.Length * Count];
        for (var start = 0; start < rows.Length; start += BlockRows)
        {
            var block = rows.Slice(start, Math.Min(BlockRows, rows.Length - start));
            for (var j = 0; j < Count; j++)
            {
                if (columns[j] is NumericColumn numeric)
                    Scatter(numeric.Values, block, start, values, j);
                else
                    ScatterCodes(((CategoricalColumn)columns[j]).Codes, block, start, toModel[j], values, j);
            }
        }
        return new LightGbmMatrix(values, rows.Length, Count);
    }

    private Column[] Resolve(Table features)
    {
        var result = new Column[Count];
        var problems = new List<string>();
        for (var j = 0; j < Count; j++)
        {
            var expected = Schema[j];
            if (!features.TryGetColumn(expected.Name, out var column))
                problems.Add($"'{expected.Name}' is missing");
            else if ((expected.Kind == ColumnKind.Numeric && column is NumericColumn) || (expected.Kind == ColumnKind.Categorical && column is CategoricalColumn))
                result[j] = column;
            else if (expected.Kind == ColumnKind.Categorical && column is TextColumn text)
                result[j] = CategoricalColumn.FromValues(text.Name, text.Values.ToArray());
            else
                problems.Add($"'{expected.Name}' is {column.Kind} where the model takes {expected.Kind}");
        }
        if (problems.Count > 0)
        {
            throw new SchemaMismatchException(
                $"The LightGBM model was fitted on {Count} columns ({Schema}), and the input does not match ({string.Join("; ", problems)}). " +
                "Pass the columns used in Fit, of the same kinds (order does not matter, extra columns are ignored).");
        }
        return result;
    }

    // For each category of an input column, its code in the model, or -1 when the model never saw it.
    private static int[] ToModelCodes(IReadOnlyList<string> inputCategories, string[] modelCategories)
    {
        var byName = new Dictionary<string, int>(modelCategories.Length, StringComparer.Ordinal);
        for (var code = 0; code < modelCategories.Length; code++)
            byName.Add(modelCategories[code], code);
        var map = new int[inputCategories.Count];
        for (var code = 0; code < map.Length; code++)
            map[code] = byName.TryGetValue(inputCategories[code], out var modelCode) ? modelCode : CategoricalColumn.MissingCode;
        return map;
    }

    // Rows `block` of the column into matrix rows first, first + 1, ... The copy loops run once per fit over every value, so
    // they are compiled optimised at once rather than starting in unoptimised tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scatter(ReadOnlySpan<double> column, ReadOnlySpan<int> block, int first, double[] values, int feature)
    {
        var position = ((long)first * Count) + feature;
        for (var i = 0; i < block.Length; i++, position += Count)
            values[position] = column[block[i]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScatterCodes(ReadOnlySpan<int> codes, ReadOnlySpan<int> block, int first, int[]? toModel, double[] values, int feature)
    {
        var position = ((long)first * Count) + feature;
        for (var i = 0; i < block.Length; i++, position += Count)
        {
            var code = codes[block[i]];
            if (code >= 0 && toModel is not null)
                code = toModel[code];
            values[position] = code < 0 ? MissingCategory : code;
        }
    }
}
