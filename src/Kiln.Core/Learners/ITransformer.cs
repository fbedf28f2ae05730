using Kiln.Core.Data;

namespace Kiln.Core.Learners;

/// <summary>A fitted model that maps a table to another table of the same rows: an imputer, a scaler, an encoder, a whole preparation.</summary>
/// <remarks>
/// Transformers are fitted like learners, by an <see cref="IEstimator{TModel}"/> on the rows of a <see cref="TrainingSet"/>,
/// and are as immutable and thread-safe. <see cref="Transform"/> finds its input columns by name, so callers may pass them in
/// any order and with extra columns, which are ignored.
/// </remarks>
public interface ITransformer : IModel
{
    /// <summary>The names and kinds of the columns <see cref="Transform"/> returns, in order.</summary>
    Schema OutputSchema { get; }

    /// <summary>Transforms every row of <paramref name="features"/> into a new table with the columns of <see cref="OutputSchema"/>.</summary>
    /// <param name="features">A table with the columns of <see cref="IModel.InputSchema"/>, in any order (extra columns are ignored).</param>
    /// <exception cref="SchemaMismatchException">A column the model needs is missing or has the wrong kind.</exception>
    Table Transform(Table features);
}
