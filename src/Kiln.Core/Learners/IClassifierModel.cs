using Kiln.Core.Data;

namespace Kiln.Core.Learners;

/// <summary>A fitted classifier: <see cref="IPredictor.Predict"/> gives class indices into <see cref="Classes"/>, and it also gives probabilities.</summary>
public interface IClassifierModel : IPredictor
{
    /// <summary>The class names, in the order of <see cref="ClassLabels.Sort"/>; a prediction of <c>i</c> means <c>Classes[i]</c>.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Class probabilities for every row: row-major, <see cref="Classes"/>.Count values per row.</summary>
    /// <exception cref="SchemaMismatchException">A column the model needs is missing or has the wrong kind.</exception>
    void PredictProbabilities(Table features, Span<double> destination);

    /// <summary>Class probabilities for one row given in <see cref="IModel.InputSchema"/> order, without allocating.</summary>
    void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities);
}
