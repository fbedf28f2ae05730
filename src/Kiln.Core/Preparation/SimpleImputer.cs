using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Fills the missing values of numeric and categorical columns with a statistic of their training rows or a constant, as scikit-learn's <c>SimpleImputer</c>.</summary>
/// <remarks>
/// <para>
/// Every feature column (role <see cref="ColumnRole.Feature"/>) of the training table is imputed; it must be numeric, or
/// categorical under <c>most_frequent</c> and <c>constant</c>. Statistics are computed from the training set's rows only
/// (<see cref="TrainingSet.RowIndices"/>), and categories only from the values present in those rows. Sample weights are
/// ignored, as scikit-learn's <c>SimpleImputer</c> ignores them.
/// </para>
/// <para>
/// A column with no value in any training row has nothing to compute a statistic from: scikit-learn drops it, Kiln keeps it
/// and fills it with <see cref="SimpleImputerOptions.FillValue"/> or <see cref="SimpleImputerOptions.FillCategory"/>, and
/// says so in <see cref="SimpleImputerModel.Diagnostics"/>, so the model's columns do not depend on which rows were missing.
/// </para>
/// </remarks>
public sealed class SimpleImputer : IEstimator<SimpleImputerModel>
{
    private const string Name = "SimpleImputer";

    private static readonly string[] Strategies = [SimpleImputerOptions.Mean, SimpleImputerOptions.Median, SimpleImputerOptions.MostFrequent, SimpleImputerOptions.Constant];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">The strategy is unknown, the fill value is not finite, or the fill category is null.</exception>
    public SimpleImputer(SimpleImputerOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with the default <c>mean</c> strategy.</summary>
    public SimpleImputer()
        : this(new SimpleImputerOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public SimpleImputerOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="SchemaMismatchException">There is no feature column, or one is of a kind the strategy cannot fill.</exception>
    /// <exception cref="DataFormatException">A numeric training value is infinite.</exception>
    /// <exception cref="ArgumentException">The training set has no rows.</exception>
    public SimpleImputerModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var numericOnly = Options.Strategy is SimpleImputerOptions.Mean or SimpleImputerOptions.Median;
        var features = PreparationInputs.Features(
            data,
            $"{Name} (strategy '{Options.Strategy}')",
            kind => kind == ColumnKind.Numeric || (!numericOnly && kind == ColumnKind.Categorical),
            numericOnly ? "numeric" : "numeric and categorical");
        var rows = PreparationInputs.TrainingRows(data, features.Select(column => column.Name));
        var numericFills = new double[features.Length];
        var categoryFills = new string?[features.Length];
        var diagnostics = new List<PreparationDiagnostic>();
        for (var j = 0; j < features.Length; j++)
        {
            switch (rows[j])
            {
                case NumericColumn numeric:
                    PreparationInputs.RequireFinite(data, numeric, Name);
                    var statistic = Options.Strategy switch
                    {
                        SimpleImputerOptions.Mean => ColumnStatistics.Mean(numeric.Values),
                        SimpleImputerOptions.Median => ColumnStatistics.Median(numeric.Values),
                        SimpleImputerOptions.MostFrequent => ColumnStatistics.MostFrequent(numeric.Values),
                        _ => Options.FillValue,
                    };
                    if (statistic is null)
                    {
                        diagnostics.Add(new PreparationDiagnostic(numeric.Name,
                            $"Column '{numeric.Name}' has no value in the {rows.RowCount} training rows, so strategy '{Options.Strategy}' has nothing to compute from; its missing values are filled with {Options.FillValue} (the fill value)."));
                    }
                    numericFills[j] = statistic ?? Options.FillValue;
                    break;
                case CategoricalColumn categorical:
                    var category = Options.Strategy == SimpleImputerOptions.MostFrequent ? ColumnStatistics.MostFrequent(categorical) : Options.FillCategory;
                    if (category is null)
                    {
                        diagnostics.Add(new PreparationDiagnostic(categorical.Name,
                            $"Column '{categorical.Name}' has no value in the {rows.RowCount} training rows, so it has no most frequent category; its missing values are filled with '{Options.FillCategory}' (the fill category)."));
                    }
                    categoryFills[j] = category ?? Options.FillCategory;
                    break;
            }
        }
        return new SimpleImputerModel(Options, new Schema(features), numericFills, categoryFills, [.. diagnostics]);
    }

    internal static void Validate(SimpleImputerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Strategies.Contains(options.Strategy, StringComparer.Ordinal))
            throw new ArgumentException($"Strategy '{options.Strategy}' is not one of {string.Join(", ", Strategies)}.", nameof(options));
        if (!double.IsFinite(options.FillValue))
            throw new ArgumentException($"FillValue is {options.FillValue}; it must be a finite number.", nameof(options));
        if (options.FillCategory is null)
            throw new ArgumentException("FillCategory is null; give the category that fills missing categorical values, such as \"__missing__\".", nameof(options));
    }
}
