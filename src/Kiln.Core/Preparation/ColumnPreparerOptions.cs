using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Hyperparameters of <see cref="ColumnPreparer"/>: how each kind of column is made numeric.</summary>
/// <remarks>The defaults are the "scaled" preprocessing of Kiln's scikit-learn references: median imputation and standard scaling for numbers, most-frequent imputation and one-hot encoding (unknown categories ignored) for categories.</remarks>
public sealed record ColumnPreparerOptions
{
    /// <summary>Scale numeric columns with <see cref="StandardScaler"/>.</summary>
    public const string StandardScaling = "standard";

    /// <summary>Leave numeric columns unscaled (trees do not need scaling).</summary>
    public const string NoScaling = "none";

    /// <summary>One-hot encode categorical columns.</summary>
    public const string OneHotEncoding = "one_hot";

    /// <summary>Pass categorical columns through unchanged, missing values included, for a learner that splits on categories itself (<see cref="Learners.INativeCategoricalFeatures"/>).</summary>
    public const string NativeEncoding = "native";

    /// <summary>How missing numbers are filled: <c>mean</c>, <c>median</c>, <c>most_frequent</c> or <c>constant</c> (<see cref="NumericFillValue"/>).</summary>
    /// <value>Default <c>median</c>.</value>
    [Hyperparameter("numeric_imputation", Choices = [SimpleImputerOptions.Mean, SimpleImputerOptions.Median, SimpleImputerOptions.MostFrequent, SimpleImputerOptions.Constant],
        Description = "How missing numbers are filled.")]
    public string NumericImputation { get; init; } = SimpleImputerOptions.Median;

    /// <summary>The number that fills missing numbers under <c>constant</c>, and numeric columns with no training value.</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("numeric_fill_value", Description = "The number the constant numeric imputation fills in.")]
    public double NumericFillValue { get; init; }

    /// <summary>How numeric columns are scaled after imputation: <c>standard</c> or <c>none</c>.</summary>
    /// <value>Default <c>standard</c>.</value>
    [Hyperparameter("scaling", Choices = [StandardScaling, NoScaling], Description = "How numeric columns are scaled.")]
    public string Scaling { get; init; } = StandardScaling;

    /// <summary>How missing categories are filled: <c>most_frequent</c>, or <c>constant</c> to give them a category of their own, <see cref="MissingCategory"/>.</summary>
    /// <value>Default <c>most_frequent</c>.</value>
    [Hyperparameter("categorical_imputation", Choices = [SimpleImputerOptions.MostFrequent, SimpleImputerOptions.Constant], Description = "How missing categories are filled.")]
    public string CategoricalImputation { get; init; } = SimpleImputerOptions.MostFrequent;

    /// <summary>The category that stands for a missing value under <c>constant</c>, and fills categorical columns with no training value.</summary>
    /// <value>Default <c>__missing__</c>.</value>
    [Hyperparameter("missing_category", Description = "The category a missing value becomes under constant imputation.")]
    public string MissingCategory { get; init; } = "__missing__";

    /// <summary>What a category not seen in training becomes: <c>ignore</c> (all zeros) or <c>error</c>.</summary>
    /// <value>Default <c>ignore</c>.</value>
    [Hyperparameter("handle_unknown", Choices = [OneHotEncoderOptions.Ignore, OneHotEncoderOptions.Error], Description = "What a category not seen in training becomes.")]
    public string HandleUnknown { get; init; } = OneHotEncoderOptions.Ignore;

    /// <summary>
    /// How categorical columns reach the learner: <c>one_hot</c> (imputed, then one-hot encoded) or <c>native</c> (passed through
    /// as categorical columns, missing values kept, for learners that split on categories themselves; the imputation and
    /// <see cref="HandleUnknown"/> settings then do not apply to them).
    /// </summary>
    /// <value>Default <c>one_hot</c>.</value>
    [Hyperparameter("categorical_encoding", Choices = [OneHotEncoding, NativeEncoding], Description = "one_hot, or native to pass categories to a learner that splits on them.")]
    public string CategoricalEncoding { get; init; } = OneHotEncoding;
}
