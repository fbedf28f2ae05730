namespace Kiln.Core.Learners;

/// <summary>An algorithm with fixed hyperparameters: <see cref="Fit"/> never changes the estimator and returns a new model.</summary>
/// <typeparam name="TModel">The fitted model's type.</typeparam>
public interface IEstimator<out TModel>
    where TModel : IModel
{
    /// <summary>Fits a new model on <paramref name="data"/>.</summary>
    /// <param name="data">The training rows; never modified.</param>
    /// <param name="context">Cancellation, progress, metric sink, validation set and checkpoints for this fit.</param>
    TModel Fit(TrainingSet data, FitContext context);
}
