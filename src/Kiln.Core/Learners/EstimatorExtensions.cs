using Kiln.Core.Data;

namespace Kiln.Core.Learners;

/// <summary>Conveniences over the learner contract.</summary>
public static class EstimatorExtensions
{
    /// <summary>Fits with <see cref="FitContext.None"/>.</summary>
    public static TModel Fit<TModel>(this IEstimator<TModel> estimator, TrainingSet data)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Fit(data, FitContext.None);
    }

    /// <summary>Predicts every row of <paramref name="features"/> into a new array.</summary>
    public static double[] Predict(this IPredictor model, Table features)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var result = new double[features.RowCount];
        model.Predict(features, result);
        return result;
    }

    /// <summary>Class probabilities for every row of <paramref name="features"/>: a new row-major array of rows × classes.</summary>
    public static double[] PredictProbabilities(this IClassifierModel model, Table features)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var result = new double[features.RowCount * model.Classes.Count];
        model.PredictProbabilities(features, result);
        return result;
    }
}
