using Kiln.Core.Data;

namespace Kiln.Core.Learners;

/// <summary>A model that maps each row of numeric features to one number: a regression value or a class index.</summary>
public interface IPredictor : IModel
{
    /// <summary>Predicts every row of <paramref name="features"/> into <paramref name="destination"/>.</summary>
    /// <param name="features">A table with the columns of <see cref="IModel.InputSchema"/>, in any order (extra columns are ignored).</param>
    /// <param name="destination">One value per row.</param>
    /// <exception cref="SchemaMismatchException">A column the model needs is missing or has the wrong kind.</exception>
    void Predict(Table features, Span<double> destination);

    /// <summary>Predicts one row, given in <see cref="IModel.InputSchema"/> order, without allocating.</summary>
    double PredictRow(ReadOnlySpan<double> features);
}
