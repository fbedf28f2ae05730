using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Turns each categorical, boolean or text column into one 0/1 column per training category, as scikit-learn's <c>OneHotEncoder</c>.</summary>
/// <remarks>
/// <para>
/// A column's categories are the distinct values present in the training rows (not every entry of the column's
/// dictionary), sorted in ordinal string order as scikit-learn sorts them; a boolean's are <c>false</c> and <c>true</c>. The
/// output columns are named <c>&lt;column&gt;=&lt;category&gt;</c>, column by column in input order.
/// </para>
/// <para>
/// Values are matched by their text, not by dictionary code, so a table whose categorical column numbers its categories
/// differently encodes the same. A category not seen in training becomes all zeros, or an error under
/// <see cref="OneHotEncoderOptions.Error"/>. A missing value is all zeros and never a category (scikit-learn 1.2 makes
/// it one): impute first, for instance with a constant "missing" category, to give missing values a column of their own.
/// </para>
/// </remarks>
public sealed class OneHotEncoder : IEstimator<OneHotEncoderModel>
{
    private const string Name = "OneHotEncoder";

    private static readonly string[] UnknownChoices = [OneHotEncoderOptions.Ignore, OneHotEncoderOptions.Error];
    private static readonly string[] DropChoices = [OneHotEncoderOptions.DropNone, OneHotEncoderOptions.DropFirst, OneHotEncoderOptions.DropIfBinary];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException"><see cref="OneHotEncoderOptions.HandleUnknown"/> or <see cref="OneHotEncoderOptions.Drop"/> is not one of its choices.</exception>
    public OneHotEncoder(OneHotEncoderOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with the defaults: unknown categories as zeros, no column dropped.</summary>
    public OneHotEncoder()
        : this(new OneHotEncoderOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public OneHotEncoderOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="SchemaMismatchException">There is no feature column, one is numeric or a date-time, the output would have no column, or two output columns would share a name.</exception>
    /// <exception cref="ArgumentException">The training set has no rows.</exception>
    public OneHotEncoderModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var features = PreparationInputs.Features(data, Name, Accepts, "categorical, boolean and text");
        var rows = PreparationInputs.TrainingRows(data, features.Select(column => column.Name));
        var categories = new string[features.Length][];
        var diagnostics = new List<PreparationDiagnostic>();
        for (var j = 0; j < features.Length; j++)
        {
            categories[j] = ColumnStatistics.PresentCategories(rows[j]);
            if (categories[j].Length == 0)
            {
                diagnostics.Add(new PreparationDiagnostic(features[j].Name,
                    $"Column '{features[j].Name}' has no value in the {rows.RowCount} training rows, so it has no category and adds no column."));
            }
        }
        return OneHotEncoderModel.Create(Options, new Schema(features), categories, [.. diagnostics]);
    }

    internal static bool Accepts(ColumnKind kind) => kind is ColumnKind.Categorical or ColumnKind.Boolean or ColumnKind.Text;

    internal static void Validate(OneHotEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!UnknownChoices.Contains(options.HandleUnknown, StringComparer.Ordinal))
            throw new ArgumentException($"HandleUnknown '{options.HandleUnknown}' is not one of {string.Join(", ", UnknownChoices)}.", nameof(options));
        if (!DropChoices.Contains(options.Drop, StringComparer.Ordinal))
            throw new ArgumentException($"Drop '{options.Drop}' is not one of {string.Join(", ", DropChoices)}.", nameof(options));
    }
}
