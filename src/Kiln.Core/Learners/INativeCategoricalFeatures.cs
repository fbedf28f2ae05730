namespace Kiln.Core.Learners;

/// <summary>
/// An estimator that takes <see cref="Data.CategoricalColumn"/> features as they are and splits on categories itself
/// (LightGBM, say), so that the preparation in front of it passes categorical columns through instead of one-hot encoding them.
/// </summary>
/// <remarks>
/// A learner that implements it accepts numeric and categorical feature columns in <see cref="IEstimator{TModel}.Fit"/>, with
/// missing categories left missing; its models take the categories by name at prediction, and decide themselves what a category
/// not seen in training means. The workflow reads it to choose <c>categorical_encoding: native</c> for the
/// <see cref="Preparation.ColumnPreparer"/> of that learner only.
/// </remarks>
public interface INativeCategoricalFeatures
{
    /// <summary>Whether this estimator, with its current options, wants categorical columns passed through (normally <see langword="true"/>).</summary>
    bool TakesCategoricalFeatures { get; }
}
