using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Core.Preparation;

/// <summary>A fitted <see cref="ColumnPreparer"/>: maps a raw table (numbers, booleans, date-times, categories) to the all-numeric table learners take.</summary>
/// <remarks>
/// <para>
/// <see cref="IModel.InputSchema"/> is the raw feature columns the model uses, with their kinds; text columns dropped at fit
/// are not among them and need not be passed. <see cref="Transform"/> finds the columns by name, in any order, and ignores
/// extra ones. A column read with another kind than at fit is accepted where the values say the same thing: categorical for
/// text and the reverse, and any kind for a column with no value at all. For serving, read input files with the kinds of
/// <see cref="IModel.InputSchema"/>.
/// </para>
/// <para>The fitted steps are exposed for reports: <see cref="NumericImputer"/>, <see cref="Scaler"/>, <see cref="CategoricalImputer"/> and <see cref="Encoder"/>.</para>
/// </remarks>
public sealed class ColumnPreparerModel : ITransformer
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "column_preparer";

    private readonly Dictionary<string, IReadOnlyList<string>> _dateParts;
    private readonly string[] _droppedColumns;
    private readonly PreparationDiagnostic[] _diagnostics;

    internal ColumnPreparerModel(
        ColumnPreparerOptions options,
        Schema inputSchema,
        Dictionary<string, IReadOnlyList<string>> dateParts,
        string[] droppedColumns,
        SimpleImputerModel? numericImputer,
        StandardScalerModel? scaler,
        SimpleImputerModel? categoricalImputer,
        OneHotEncoderModel? encoder,
        PreparationDiagnostic[] diagnostics)
    {
        Options = options;
        InputSchema = inputSchema;
        _dateParts = dateParts;
        _droppedColumns = droppedColumns;
        NumericImputer = numericImputer;
        Scaler = scaler;
        CategoricalImputer = categoricalImputer;
        Encoder = encoder;
        _diagnostics = diagnostics;
        var names = new List<string>();
        if (numericImputer is not null)
            names.AddRange(numericImputer.OutputSchema.Names);
        if (encoder is not null)
            names.AddRange(encoder.OutputSchema.Names);
        var passedThrough = PassesCategoriesThrough
            ? inputSchema.Where(column => column.Kind == ColumnKind.Categorical).Select(column => column.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        names.AddRange(inputSchema.Names.Where(passedThrough.Contains));
        var outputs = PreparationInputs.NumericOutputs(names, "column preparer");
        OutputSchema = passedThrough.Count == 0
            ? outputs
            : new Schema(outputs.Select(column => passedThrough.Contains(column.Name) ? new ColumnInfo(column.Name, ColumnKind.Categorical) : column));
    }

    // Under categorical_encoding native, categorical inputs are outputs as they are.
    private bool PassesCategoriesThrough => Options.CategoricalEncoding == ColumnPreparerOptions.NativeEncoding;

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public ColumnPreparerOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public Schema OutputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The imputer of the numeric columns (numbers, booleans as 0/1, date parts), or <see langword="null"/> when there are none.</summary>
    public SimpleImputerModel? NumericImputer { get; }

    /// <summary>The scaler of the imputed numeric columns, or <see langword="null"/> without scaling or numeric columns.</summary>
    public StandardScalerModel? Scaler { get; }

    /// <summary>The imputer of the categorical columns, or <see langword="null"/> when there are none or they are passed through (<c>categorical_encoding: native</c>).</summary>
    public SimpleImputerModel? CategoricalImputer { get; }

    /// <summary>The one-hot encoder of the imputed categorical columns, or <see langword="null"/> when there are none or they are passed through (<c>categorical_encoding: native</c>).</summary>
    public OneHotEncoderModel? Encoder { get; }

    /// <summary>The feature columns dropped at fit (free text), which <see cref="Transform"/> does not need.</summary>
    public IReadOnlyList<string> DroppedColumns => _droppedColumns;

    /// <summary>Findings of the fit: dropped columns, columns with no training value, and those of the steps.</summary>
    public IReadOnlyList<PreparationDiagnostic> Diagnostics =>
    [
        .. _diagnostics,
        .. NumericImputer?.Diagnostics ?? [],
        .. Scaler?.Diagnostics ?? [],
        .. CategoricalImputer?.Diagnostics ?? [],
        .. Encoder?.Diagnostics ?? [],
    ];

    /// <inheritdoc/>
    /// <exception cref="DataFormatException">Under handle_unknown <c>error</c>, a category was not seen in training.</exception>
    public Table Transform(Table features)
    {
        var columns = PreparationInputs.Resolve(InputSchema, features, "column preparer");
        var (numericBlock, categoricalBlock) = Route(columns, _dateParts);
        var outputs = new List<Column>(OutputSchema.Count);
        if (NumericImputer is not null)
        {
            var numbers = NumericImputer.Transform(Table.WithKnownSchema([.. numericBlock], NumericImputer.InputSchema));
            outputs.AddRange((Scaler?.Transform(numbers) ?? numbers).Columns);
        }
        if (CategoricalImputer is not null)
            outputs.AddRange(Encoder!.Transform(CategoricalImputer.Transform(new Table(categoricalBlock))).Columns);
        else if (PassesCategoriesThrough)
            outputs.AddRange(categoricalBlock);
        return Table.WithKnownSchema([.. outputs], OutputSchema);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new ColumnPreparerState(
            Options.NumericImputation, Options.NumericFillValue, Options.Scaling, Options.CategoricalImputation, Options.MissingCategory, Options.HandleUnknown, Options.CategoricalEncoding));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("date_parts", new SortedDictionary<string, IReadOnlyList<string>>(_dateParts, StringComparer.Ordinal));
        writer.WriteJson("dropped_columns", _droppedColumns);
        writer.WriteJson("diagnostics", _diagnostics);
        if (NumericImputer is not null)
            writer.WriteModel("numeric_imputer", NumericImputer);
        if (Scaler is not null)
            writer.WriteModel("scaler", Scaler);
        if (CategoricalImputer is not null)
            writer.WriteModel("categorical_imputer", CategoricalImputer);
        if (Encoder is not null)
            writer.WriteModel("encoder", Encoder);
    }

    internal static ColumnPreparerModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<ColumnPreparerState>("options");
        var options = new ColumnPreparerOptions
        {
            NumericImputation = state.NumericImputation,
            NumericFillValue = state.NumericFillValue,
            Scaling = state.Scaling,
            CategoricalImputation = state.CategoricalImputation,
            MissingCategory = state.MissingCategory,
            HandleUnknown = state.HandleUnknown,
            CategoricalEncoding = state.CategoricalEncoding ?? ColumnPreparerOptions.OneHotEncoding,
        };
        ColumnPreparer.Validate(options);
        var inputs = PreparationInputs.LoadInputs(reader, kind => kind != ColumnKind.Text);
        var dateParts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, parts) in reader.ReadJson<Dictionary<string, string[]>>("date_parts"))
        {
            if (!inputs.TryGetIndex(name, out var index) || inputs[index].Kind != ColumnKind.DateTime)
                throw reader.Invalid($"it lists date parts for '{name}', which is not a date-time input column");
            if (parts is null || !DateParts.IsValid(parts))
                throw reader.Invalid($"the date parts of '{name}' ({string.Join(", ", parts ?? [])}) are not {string.Join(", ", DateParts.DateOnly)}, optionally followed by {DateParts.Hour}");
            dateParts.Add(name, parts);
        }
        var missingParts = inputs.Where(column => column.Kind == ColumnKind.DateTime && !dateParts.ContainsKey(column.Name)).Select(column => column.Name).ToList();
        if (missingParts.Count > 0)
            throw reader.Invalid($"it lists no date parts for date-time input column(s) {Schema.Describe(missingParts)}");
        var dropped = reader.ReadJson<string[]>("dropped_columns");
        if (Array.Exists(dropped, name => name is null))
            throw reader.Invalid("a dropped column name is null");

        var (numericBlock, categoricalBlock) = Route(inputs.Select(column => PreparationInputs.AllMissing(column.Name, column.Kind, 0)).ToArray(), dateParts);
        SimpleImputerModel? numericImputer = null;
        StandardScalerModel? scaler = null;
        if (numericBlock.Count > 0)
        {
            var expected = new Schema(numericBlock.Select(column => new ColumnInfo(column.Name, ColumnKind.Numeric)));
            numericImputer = Step<SimpleImputerModel>(reader, "numeric_imputer", expected);
            if (numericImputer.Options != NumericImputerOptions(options))
                throw reader.Invalid("the numeric imputer's options differ from the preparation's");
            if (options.Scaling == ColumnPreparerOptions.StandardScaling)
            {
                scaler = Step<StandardScalerModel>(reader, "scaler", expected);
                if (!scaler.Options.WithMean || !scaler.Options.WithStd)
                    throw reader.Invalid("the scaler does not both centre and scale, as a standard scaling does");
            }
        }
        SimpleImputerModel? categoricalImputer = null;
        OneHotEncoderModel? encoder = null;
        if (categoricalBlock.Count > 0 && options.CategoricalEncoding == ColumnPreparerOptions.OneHotEncoding)
        {
            var expected = new Schema(categoricalBlock.Select(column => new ColumnInfo(column.Name, ColumnKind.Categorical)));
            categoricalImputer = Step<SimpleImputerModel>(reader, "categorical_imputer", expected);
            if (categoricalImputer.Options != CategoricalImputerOptions(options))
                throw reader.Invalid("the categorical imputer's options differ from the preparation's");
            encoder = Step<OneHotEncoderModel>(reader, "encoder", expected);
            if (encoder.Options != EncoderOptions(options))
                throw reader.Invalid("the encoder's options differ from the preparation's");
        }
        return new ColumnPreparerModel(options, inputs, dateParts, dropped, numericImputer, scaler, categoricalImputer, encoder, PreparationInputs.LoadDiagnostics(reader));
    }

    internal static SimpleImputerOptions NumericImputerOptions(ColumnPreparerOptions options) =>
        new() { Strategy = options.NumericImputation, FillValue = options.NumericFillValue };

    internal static SimpleImputerOptions CategoricalImputerOptions(ColumnPreparerOptions options) =>
        new() { Strategy = options.CategoricalImputation, FillCategory = options.MissingCategory };

    internal static OneHotEncoderOptions EncoderOptions(ColumnPreparerOptions options) =>
        new() { HandleUnknown = options.HandleUnknown };

    // Splits the raw columns into the numeric block (numbers, booleans as 0/1, date parts), in input order, and the categorical block.
    internal static (List<Column> Numeric, List<Column> Categorical) Route(IReadOnlyList<Column> columns, IReadOnlyDictionary<string, IReadOnlyList<string>> dateParts)
    {
        var numeric = new List<Column>();
        var categorical = new List<Column>();
        foreach (var column in columns)
        {
            switch (column)
            {
                case NumericColumn:
                    numeric.Add(column);
                    break;
                case BooleanColumn flags:
                    numeric.Add(ToNumbers(flags));
                    break;
                case DateTimeColumn dates:
                    numeric.AddRange(DateParts.Transform(dates, dateParts[dates.Name]));
                    break;
                case CategoricalColumn:
                    categorical.Add(column);
                    break;
                default:
                    throw new InvalidOperationException($"Column '{column.Name}' is {column.Kind}, which the column preparer does not route.");
            }
        }
        return (numeric, categorical);
    }

    private static NumericColumn ToNumbers(BooleanColumn column)
    {
        var values = new double[column.Length];
        for (var row = 0; row < values.Length; row++)
        {
            values[row] = column[row] switch
            {
                true => 1.0,
                false => 0.0,
                null => double.NaN,
            };
        }
        return NumericColumn.FromOwned(column.Name, values);
    }

    private static T Step<T>(BundleReader reader, string name, Schema expected)
        where T : ITransformer
    {
        var step = reader.ReadModel<T>(name);
        if (!step.InputSchema.Equals(expected))
            throw reader.Invalid($"step '{name}' takes the columns ({step.InputSchema}) where the preparation feeds it ({expected})");
        return step;
    }
}
