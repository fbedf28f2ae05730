using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Core.Preparation;

/// <summary>A fitted <see cref="SimpleImputer"/>: one fill value per column, numeric or categorical.</summary>
/// <remarks>
/// <see cref="Transform"/> returns the input columns, in <see cref="IModel.InputSchema"/> order, with missing values filled;
/// a categorical column keeps its own categories, plus the fill category when it is new. Non-missing values, including
/// infinities and categories never seen in training, pass through unchanged.
/// </remarks>
public sealed class SimpleImputerModel : ITransformer
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "simple_imputer";

    private readonly double[] _numericFills;
    private readonly string?[] _categoryFills;
    private readonly PreparationDiagnostic[] _diagnostics;

    internal SimpleImputerModel(SimpleImputerOptions options, Schema inputSchema, double[] numericFills, string?[] categoryFills, PreparationDiagnostic[] diagnostics)
    {
        Options = options;
        InputSchema = inputSchema;
        _numericFills = numericFills;
        _categoryFills = categoryFills;
        _diagnostics = diagnostics;
        NumericFills = inputSchema.Select((column, j) => (column, j)).Where(item => item.column.Kind == ColumnKind.Numeric)
            .ToDictionary(item => item.column.Name, item => numericFills[item.j], StringComparer.Ordinal);
        CategoryFills = inputSchema.Select((column, j) => (column, j)).Where(item => item.column.Kind == ColumnKind.Categorical)
            .ToDictionary(item => item.column.Name, item => categoryFills[item.j]!, StringComparer.Ordinal);
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public SimpleImputerOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public Schema OutputSchema => InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The number that fills each numeric column, by column name (scikit-learn's <c>statistics_</c>).</summary>
    public IReadOnlyDictionary<string, double> NumericFills { get; }

    /// <summary>The category that fills each categorical column, by column name.</summary>
    public IReadOnlyDictionary<string, string> CategoryFills { get; }

    /// <summary>Findings of the fit, such as columns with no training value.</summary>
    public IReadOnlyList<PreparationDiagnostic> Diagnostics => _diagnostics;

    /// <inheritdoc/>
    public Table Transform(Table features)
    {
        var columns = PreparationInputs.Resolve(InputSchema, features, "imputer");
        var result = new Column[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            result[j] = columns[j].MissingCount == 0 ? columns[j] : columns[j] switch
            {
                NumericColumn numeric => Fill(numeric, _numericFills[j]),
                CategoricalColumn categorical => Fill(categorical, _categoryFills[j]!),
                _ => throw new InvalidOperationException($"Column '{columns[j].Name}' is {columns[j].Kind}; the imputer was fitted on numeric and categorical columns only."),
            };
        }
        return Table.WithKnownSchema(result, OutputSchema);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new SimpleImputerState(Options.Strategy, Options.FillValue, Options.FillCategory));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("numeric_fills", [.. InputSchema.Select((column, j) => (column, j)).Where(item => item.column.Kind == ColumnKind.Numeric).Select(item => _numericFills[item.j])]);
        writer.WriteJson("category_fills", InputSchema.Select((column, j) => (column, j)).Where(item => item.column.Kind == ColumnKind.Categorical).Select(item => _categoryFills[item.j]!).ToArray());
        writer.WriteJson("diagnostics", _diagnostics);
    }

    internal static SimpleImputerModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<SimpleImputerState>("options");
        var options = new SimpleImputerOptions { Strategy = state.Strategy, FillValue = state.FillValue, FillCategory = state.FillCategory };
        SimpleImputer.Validate(options);
        var numericOnly = options.Strategy is SimpleImputerOptions.Mean or SimpleImputerOptions.Median;
        var inputs = PreparationInputs.LoadInputs(reader, kind => kind == ColumnKind.Numeric || (!numericOnly && kind == ColumnKind.Categorical));
        var numericCount = inputs.Count(column => column.Kind == ColumnKind.Numeric);
        var numericValues = reader.ReadFiniteDoubles("numeric_fills", numericCount);
        var categoryValues = reader.ReadJson<string[]>("category_fills");
        if (categoryValues.Length != inputs.Count - numericCount || Array.Exists(categoryValues, category => category is null))
            throw reader.Invalid($"it holds {categoryValues.Length} category fills for {inputs.Count - numericCount} categorical columns, or a fill is null");
        var numericFills = new double[inputs.Count];
        var categoryFills = new string?[inputs.Count];
        int numericIndex = 0, categoryIndex = 0;
        for (var j = 0; j < inputs.Count; j++)
        {
            if (inputs[j].Kind == ColumnKind.Numeric)
                numericFills[j] = numericValues[numericIndex++];
            else
                categoryFills[j] = categoryValues[categoryIndex++];
        }
        return new SimpleImputerModel(options, inputs, numericFills, categoryFills, PreparationInputs.LoadDiagnostics(reader));
    }

    private static NumericColumn Fill(NumericColumn column, double fill)
    {
        var values = column.Values.ToArray();
        for (var row = 0; row < values.Length; row++)
        {
            if (double.IsNaN(values[row]))
                values[row] = fill;
        }
        return NumericColumn.FromOwned(column.Name, values);
    }

    private static CategoricalColumn Fill(CategoricalColumn column, string fill)
    {
        var categories = column.Categories.ToList();
        var fillCode = categories.IndexOf(fill);
        if (fillCode < 0)
        {
            fillCode = categories.Count;
            categories.Add(fill);
        }
        var codes = column.Codes.ToArray();
        for (var row = 0; row < codes.Length; row++)
        {
            if (codes[row] == CategoricalColumn.MissingCode)
                codes[row] = fillCode;
        }
        return CategoricalColumn.FromOwned(column.Name, codes, [.. categories]);
    }
}
