using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Core.Preparation;

/// <summary>A fitted <see cref="OneHotEncoder"/>: the sorted training categories of each column, and the one dropped, if any.</summary>
public sealed class OneHotEncoderModel : ITransformer
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "one_hot_encoder";

    private const int Unknown = -2;

    private readonly string[][] _categories;
    private readonly int[] _dropped;
    private readonly Dictionary<string, int>[] _index;
    private readonly int[] _firstOutput;
    private readonly PreparationDiagnostic[] _diagnostics;

    private OneHotEncoderModel(OneHotEncoderOptions options, Schema inputSchema, string[][] categories, int[] dropped, Schema outputSchema, PreparationDiagnostic[] diagnostics)
    {
        Options = options;
        InputSchema = inputSchema;
        OutputSchema = outputSchema;
        _categories = categories;
        _dropped = dropped;
        _diagnostics = diagnostics;
        _index = new Dictionary<string, int>[categories.Length];
        _firstOutput = new int[categories.Length];
        var output = 0;
        for (var j = 0; j < categories.Length; j++)
        {
            _index[j] = new Dictionary<string, int>(categories[j].Length, StringComparer.Ordinal);
            for (var c = 0; c < categories[j].Length; c++)
                _index[j].Add(categories[j][c], c);
            _firstOutput[j] = output;
            output += categories[j].Length - (dropped[j] >= 0 ? 1 : 0);
        }
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public OneHotEncoderOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public Schema OutputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>Each input column's training categories in ordinal order (scikit-learn's <c>categories_</c>), dropped ones included.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Categories => _categories;

    /// <summary>The category each input column leaves out under <see cref="OneHotEncoderOptions.Drop"/>, or <see langword="null"/>.</summary>
    public IReadOnlyList<string?> DroppedCategories => [.. _dropped.Select((index, j) => index >= 0 ? _categories[j][index] : null)];

    /// <summary>Findings of the fit, such as columns with no training value.</summary>
    public IReadOnlyList<PreparationDiagnostic> Diagnostics => _diagnostics;

    /// <inheritdoc/>
    /// <exception cref="DataFormatException">Under <see cref="OneHotEncoderOptions.Error"/>, a value is a category not seen in training.</exception>
    public Table Transform(Table features)
    {
        var columns = PreparationInputs.Resolve(InputSchema, features, "one-hot encoder");
        var rowCount = features.RowCount;
        var outputs = new double[OutputSchema.Count][];
        for (var k = 0; k < outputs.Length; k++)
            outputs[k] = new double[rowCount];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = columns[j];
            if (column is CategoricalColumn categorical)
            {
                // Map the input's own dictionary to the training categories once, by text: its codes need not be training's.
                var map = new int[categorical.Categories.Count];
                for (var code = 0; code < map.Length; code++)
                    map[code] = _index[j].TryGetValue(categorical.Categories[code], out var index) ? index : Unknown;
                var codes = categorical.Codes;
                for (var row = 0; row < rowCount; row++)
                {
                    if (codes[row] != CategoricalColumn.MissingCode)
                        Set(outputs, j, row, map[codes[row]], column);
                }
            }
            else
            {
                for (var row = 0; row < rowCount; row++)
                {
                    if (column.FormatValue(row) is { } value)
                        Set(outputs, j, row, _index[j].TryGetValue(value, out var index) ? index : Unknown, column);
                }
            }
        }
        return new Table(outputs.Select((values, k) => NumericColumn.FromOwned(OutputSchema[k].Name, values)));
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new OneHotEncoderState(Options.HandleUnknown, Options.Drop));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("categories", _categories);
        writer.WriteInt32s("dropped", _dropped);
        writer.WriteJson("diagnostics", _diagnostics);
    }

    // Builds the model from its categories; the dropped categories follow from the options.
    internal static OneHotEncoderModel Create(OneHotEncoderOptions options, Schema inputSchema, string[][] categories, PreparationDiagnostic[] diagnostics)
    {
        var dropped = categories.Select(list => DroppedIndex(options.Drop, list.Length)).ToArray();
        var names = new List<string>();
        for (var j = 0; j < categories.Length; j++)
        {
            for (var c = 0; c < categories[j].Length; c++)
            {
                if (c != dropped[j])
                    names.Add($"{inputSchema[j].Name}={categories[j][c]}");
            }
        }
        if (names.Count == 0)
        {
            throw new SchemaMismatchException(
                $"The one-hot encoder would output no column: the training rows of {Schema.Describe(inputSchema.Names)} hold no category it keeps (drop '{options.Drop}'). Check that the columns have values in the training rows.");
        }
        return new OneHotEncoderModel(options, inputSchema, categories, dropped, PreparationInputs.NumericOutputs(names, "one-hot encoder"), diagnostics);
    }

    internal static OneHotEncoderModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<OneHotEncoderState>("options");
        var options = new OneHotEncoderOptions { HandleUnknown = state.HandleUnknown, Drop = state.Drop };
        OneHotEncoder.Validate(options);
        var inputs = PreparationInputs.LoadInputs(reader, OneHotEncoder.Accepts);
        var categories = reader.ReadJson<string[][]>("categories");
        if (categories.Length != inputs.Count)
            throw reader.Invalid($"it holds categories for {categories.Length} columns; the model has {inputs.Count} input columns");
        for (var j = 0; j < categories.Length; j++)
        {
            var list = categories[j];
            if (list is null || Array.Exists(list, category => category is null))
                throw reader.Invalid($"the category list of column '{inputs[j].Name}' is null or holds null");
            for (var c = 1; c < list.Length; c++)
            {
                if (string.CompareOrdinal(list[c - 1], list[c]) >= 0)
                    throw reader.Invalid($"the categories of column '{inputs[j].Name}' are not distinct and in ordinal order ('{list[c - 1]}' before '{list[c]}')");
            }
        }
        var dropped = reader.ReadInt32s("dropped", inputs.Count);
        for (var j = 0; j < dropped.Length; j++)
        {
            var expected = DroppedIndex(options.Drop, categories[j].Length);
            if (dropped[j] != expected)
                throw reader.Invalid($"column '{inputs[j].Name}' drops category index {dropped[j]}; drop '{options.Drop}' with {categories[j].Length} categories drops {expected}");
        }
        return Create(options, inputs, categories, PreparationInputs.LoadDiagnostics(reader));
    }

    private static int DroppedIndex(string drop, int categoryCount) => drop switch
    {
        OneHotEncoderOptions.DropFirst when categoryCount > 0 => 0,
        OneHotEncoderOptions.DropIfBinary when categoryCount == 2 => 0,
        _ => -1,
    };

    private void Set(double[][] outputs, int column, int row, int category, Column source)
    {
        if (category == Unknown)
        {
            if (Options.HandleUnknown == OneHotEncoderOptions.Error)
            {
                var value = source.FormatValue(row);
                throw new DataFormatException(
                    $"Column '{source.Name}' holds '{value}' in row {row}, a category not seen in training (known: {Schema.Describe(_categories[column])}). " +
                    "The encoder was fitted with handle_unknown 'error'; refit with 'ignore' to encode unseen categories as all zeros.",
                    column: source.Name, value: value);
            }
            return;
        }
        if (category == _dropped[column])
            return;
        var offset = _dropped[column] >= 0 && category > _dropped[column] ? category - 1 : category;
        outputs[_firstOutput[column] + offset][row] = 1.0;
    }
}
