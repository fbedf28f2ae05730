using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Makes a raw table numeric, column by column according to its kind, as scikit-learn's <c>ColumnTransformer</c> over imputers, a scaler and a one-hot encoder.</summary>
/// <remarks>
/// <para>Only columns with role <see cref="ColumnRole.Feature"/> are prepared; a target, weight, id or ignored column is left out. Each feature column, by kind:</para>
/// <list type="bullet">
/// <item><description>numeric: imputed (<see cref="ColumnPreparerOptions.NumericImputation"/>), then scaled (<see cref="ColumnPreparerOptions.Scaling"/>);</description></item>
/// <item><description>boolean: 0 or 1 (NaN when missing), then imputed and scaled as a number;</description></item>
/// <item><description>date-time: its UTC parts <c>&lt;column&gt;.year</c>, <c>.month</c>, <c>.day</c>, <c>.day_of_week</c> (Monday 0) and, when some training value has a time of day, <c>.hour</c>; then imputed and scaled as numbers;</description></item>
/// <item><description>categorical: imputed (<see cref="ColumnPreparerOptions.CategoricalImputation"/>), then one-hot encoded as <c>&lt;column&gt;=&lt;category&gt;</c>, unseen categories as all zeros unless <see cref="ColumnPreparerOptions.HandleUnknown"/> says <c>error</c>; or, under <see cref="ColumnPreparerOptions.CategoricalEncoding"/> <c>native</c>, passed through unchanged (missing values too) for a learner that splits on categories;</description></item>
/// <item><description>text: dropped, with a diagnostic (text features need TF-IDF, a later addition).</description></item>
/// </list>
/// <para>
/// The output holds the numeric columns (numbers, booleans and date parts) in input order, then the one-hot columns (or the
/// passed-through categorical columns) in input order. Every statistic — fills, means, scales, categories — comes from the training set's rows only, so validation and
/// test rows in the same table never influence the fit. Sample weights are ignored, as a scikit-learn <c>Pipeline</c>
/// ignores them in its transformers.
/// </para>
/// </remarks>
public sealed class ColumnPreparer : IEstimator<ColumnPreparerModel>
{
    private const string Name = "ColumnPreparer";

    private static readonly string[] NumericImputations = [SimpleImputerOptions.Mean, SimpleImputerOptions.Median, SimpleImputerOptions.MostFrequent, SimpleImputerOptions.Constant];
    private static readonly string[] Scalings = [ColumnPreparerOptions.StandardScaling, ColumnPreparerOptions.NoScaling];
    private static readonly string[] CategoricalImputations = [SimpleImputerOptions.MostFrequent, SimpleImputerOptions.Constant];
    private static readonly string[] UnknownChoices = [OneHotEncoderOptions.Ignore, OneHotEncoderOptions.Error];
    private static readonly string[] CategoricalEncodings = [ColumnPreparerOptions.OneHotEncoding, ColumnPreparerOptions.NativeEncoding];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">An option is not one of its choices, the fill value is not finite, or the missing category is null.</exception>
    public ColumnPreparer(ColumnPreparerOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with the defaults (median and standard scaling for numbers, most frequent and one-hot for categories).</summary>
    public ColumnPreparer()
        : this(new ColumnPreparerOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public ColumnPreparerOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="SchemaMismatchException">There is no feature column that can be prepared, or two output columns would share a name.</exception>
    /// <exception cref="DataFormatException">A numeric training value is infinite.</exception>
    /// <exception cref="ArgumentException">The training set has no rows.</exception>
    public ColumnPreparerModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var features = PreparationInputs.Features(data, Name, _ => true, "any");
        var diagnostics = new List<PreparationDiagnostic>();
        var dropped = features.Where(column => column.Kind == ColumnKind.Text).Select(column => column.Name).ToArray();
        foreach (var name in dropped)
            diagnostics.Add(new PreparationDiagnostic(name, $"Column '{name}' is free text, which the preparation does not encode yet; it is dropped."));
        var used = features.Where(column => column.Kind != ColumnKind.Text).ToArray();
        if (used.Length == 0)
            throw new SchemaMismatchException($"{Name} found only text feature columns ({Schema.Describe(dropped)}), which it drops; there is nothing left to learn from. Declare a column categorical if it is one.");
        var rows = PreparationInputs.TrainingRows(data, used.Select(column => column.Name));
        var dateParts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var column in rows.Columns)
        {
            if (column is NumericColumn numeric)
                PreparationInputs.RequireFinite(data, numeric, Name);
            else if (column is DateTimeColumn dates)
                dateParts.Add(dates.Name, DateParts.Fit(dates));
        }

        var (numericBlock, categoricalBlock) = ColumnPreparerModel.Route(rows.Columns, dateParts);
        SimpleImputerModel? numericImputer = null;
        StandardScalerModel? scaler = null;
        if (numericBlock.Count > 0)
        {
            var numbers = new Table(numericBlock);
            numericImputer = new SimpleImputer(ColumnPreparerModel.NumericImputerOptions(Options)).Fit(new TrainingSet(numbers), context);
            if (Options.Scaling == ColumnPreparerOptions.StandardScaling)
                scaler = new StandardScaler().Fit(new TrainingSet(numericImputer.Transform(numbers)), context);
        }
        SimpleImputerModel? categoricalImputer = null;
        OneHotEncoderModel? encoder = null;
        if (categoricalBlock.Count > 0 && Options.CategoricalEncoding == ColumnPreparerOptions.OneHotEncoding)
        {
            var categories = new Table(categoricalBlock);
            categoricalImputer = new SimpleImputer(ColumnPreparerModel.CategoricalImputerOptions(Options)).Fit(new TrainingSet(categories), context);
            encoder = new OneHotEncoder(ColumnPreparerModel.EncoderOptions(Options)).Fit(new TrainingSet(categoricalImputer.Transform(categories)), context);
        }
        return new ColumnPreparerModel(Options, new Schema(used), dateParts, dropped, numericImputer, scaler, categoricalImputer, encoder, [.. diagnostics]);
    }

    internal static void Validate(ColumnPreparerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.NumericImputation, NumericImputations, nameof(options.NumericImputation));
        Check(options.Scaling, Scalings, nameof(options.Scaling));
        Check(options.CategoricalImputation, CategoricalImputations, nameof(options.CategoricalImputation));
        Check(options.HandleUnknown, UnknownChoices, nameof(options.HandleUnknown));
        Check(options.CategoricalEncoding, CategoricalEncodings, nameof(options.CategoricalEncoding));
        if (!double.IsFinite(options.NumericFillValue))
            throw new ArgumentException($"NumericFillValue is {options.NumericFillValue}; it must be a finite number.", nameof(options));
        if (options.MissingCategory is null)
            throw new ArgumentException("MissingCategory is null; give the category that stands for a missing value, such as \"__missing__\".", nameof(options));
    }

    private static void Check(string value, string[] choices, string option)
    {
        if (!choices.Contains(value, StringComparer.Ordinal))
            throw new ArgumentException($"{option} '{value}' is not one of {string.Join(", ", choices)}.");
    }
}
