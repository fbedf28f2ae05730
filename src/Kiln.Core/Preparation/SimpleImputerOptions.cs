using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Hyperparameters of <see cref="SimpleImputer"/>: how a column's missing values are filled (scikit-learn's <c>SimpleImputer</c>).</summary>
public sealed record SimpleImputerOptions
{
    /// <summary>Fill a numeric column with the mean of its training values.</summary>
    public const string Mean = "mean";

    /// <summary>Fill a numeric column with the median of its training values.</summary>
    public const string Median = "median";

    /// <summary>Fill with the most frequent training value or category (ties go to the smallest value, the first category in ordinal order).</summary>
    public const string MostFrequent = "most_frequent";

    /// <summary>Fill numeric columns with <see cref="FillValue"/> and categorical ones with <see cref="FillCategory"/>.</summary>
    public const string Constant = "constant";

    /// <summary>The fill rule: <c>mean</c>, <c>median</c>, <c>most_frequent</c> or <c>constant</c>; <c>mean</c> and <c>median</c> take numeric columns only.</summary>
    /// <value>Default <c>mean</c>, as in scikit-learn.</value>
    [Hyperparameter("strategy", Choices = [Mean, Median, MostFrequent, Constant], Description = "How missing values are filled.")]
    public string Strategy { get; init; } = Mean;

    /// <summary>The number that fills numeric columns under <c>constant</c>, and any numeric column with no training value at all.</summary>
    /// <value>Default 0, as scikit-learn's numeric fill value.</value>
    [Hyperparameter("fill_value", Description = "The number the constant strategy fills in.")]
    public double FillValue { get; init; }

    /// <summary>The category that fills categorical columns under <c>constant</c> (a "missing" category), and any categorical column with no training value at all.</summary>
    /// <value>Default <c>__missing__</c>.</value>
    [Hyperparameter("fill_category", Description = "The category the constant strategy fills in.")]
    public string FillCategory { get; init; } = "__missing__";
}
