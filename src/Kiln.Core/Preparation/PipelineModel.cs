using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Core.Preparation;

/// <summary>A fitted preparation and a fitted predictor, saved as one model, that predicts from raw tables: what <c>kiln predict</c> loads.</summary>
/// <remarks>
/// <para>
/// <see cref="InputSchema"/> is the preparation's: the raw feature columns with their kinds (categories, booleans, date-times,
/// numbers). <see cref="Predict(Table)"/> and <see cref="PredictProbabilities(Table)"/> transform the raw table with
/// <see cref="Preparation"/> and hand the result to <see cref="Predictor"/>.
/// </para>
/// <para>
/// A pipeline is deliberately not an <see cref="IPredictor"/>: <see cref="IPredictor.PredictRow"/> takes a row of numbers in
/// input order, and a raw row holds text and dates. Serving a single raw row goes through a one-row <see cref="Table"/> for
/// now; an allocation-free row encoder (raw values to the predictor's numeric row) can come with the serving work. Code that
/// needs the numeric contract uses <see cref="Preparation"/> and <see cref="Predictor"/> directly.
/// </para>
/// </remarks>
public sealed class PipelineModel : IModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "pipeline";

    /// <summary>Combines a fitted preparation with a predictor fitted on its output.</summary>
    /// <exception cref="ArgumentException">The predictor needs a column the preparation does not output, or of another kind.</exception>
    public PipelineModel(ITransformer preparation, IPredictor predictor)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        ArgumentNullException.ThrowIfNull(predictor);
        var problems = new List<string>();
        foreach (var column in predictor.InputSchema)
        {
            if (!preparation.OutputSchema.TryGetIndex(column.Name, out var index))
                problems.Add($"'{column.Name}' is not an output of the preparation");
            else if (preparation.OutputSchema[index].Kind != column.Kind)
                problems.Add($"'{column.Name}' is {preparation.OutputSchema[index].Kind} where the predictor takes {column.Kind}");
        }
        if (problems.Count > 0)
            throw new ArgumentException($"The predictor was not fitted on this preparation's output: {string.Join("; ", problems)}.", nameof(predictor));
        Preparation = preparation;
        Predictor = predictor;
    }

    /// <summary>The fitted preparation, raw table to numeric table.</summary>
    public ITransformer Preparation { get; }

    /// <summary>The fitted predictor, which takes the preparation's output.</summary>
    public IPredictor Predictor { get; }

    /// <summary>The raw feature columns the pipeline takes, with their kinds (the preparation's input).</summary>
    public Schema InputSchema => Preparation.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>Whether the predictor is a classifier, so that predictions are class indices and probabilities exist.</summary>
    public bool IsClassifier => Predictor is IClassifierModel;

    /// <summary>The class names of a classifier (a prediction of <c>i</c> means <c>Classes[i]</c>), or <see langword="null"/> for a regressor.</summary>
    public IReadOnlyList<string>? Classes => (Predictor as IClassifierModel)?.Classes;

    /// <summary>Prepares <paramref name="features"/> as the predictor sees them.</summary>
    /// <exception cref="SchemaMismatchException">A raw column is missing or has the wrong kind.</exception>
    public Table Prepare(Table features) => Preparation.Transform(features);

    /// <summary>Predicts every row of a raw table into <paramref name="destination"/>: regression values, or class indices into <see cref="Classes"/>.</summary>
    /// <param name="features">A table with the columns of <see cref="InputSchema"/>, in any order (extra columns are ignored).</param>
    /// <param name="destination">One value per row.</param>
    /// <exception cref="SchemaMismatchException">A raw column is missing or has the wrong kind.</exception>
    public void Predict(Table features, Span<double> destination) => Predictor.Predict(Prepare(features), destination);

    /// <summary>Predicts every row of a raw table into a new array.</summary>
    /// <exception cref="SchemaMismatchException">A raw column is missing or has the wrong kind.</exception>
    public double[] Predict(Table features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var result = new double[features.RowCount];
        Predict(features, result);
        return result;
    }

    /// <summary>Class probabilities for every row of a raw table: row-major, <see cref="Classes"/>.Count values per row.</summary>
    /// <exception cref="InvalidOperationException">The predictor is not a classifier.</exception>
    /// <exception cref="SchemaMismatchException">A raw column is missing or has the wrong kind.</exception>
    public void PredictProbabilities(Table features, Span<double> destination) => Classifier().PredictProbabilities(Prepare(features), destination);

    /// <summary>Class probabilities for every row of a raw table, into a new row-major array.</summary>
    /// <exception cref="InvalidOperationException">The predictor is not a classifier.</exception>
    /// <exception cref="SchemaMismatchException">A raw column is missing or has the wrong kind.</exception>
    public double[] PredictProbabilities(Table features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var classifier = Classifier();
        var result = new double[features.RowCount * classifier.Classes.Count];
        classifier.PredictProbabilities(Prepare(features), result);
        return result;
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteModel("preparation", Preparation);
        writer.WriteModel("predictor", Predictor);
    }

    internal static PipelineModel Load(BundleReader reader) =>
        new(reader.ReadModel<ITransformer>("preparation"), reader.ReadModel<IPredictor>("predictor"));

    private IClassifierModel Classifier() => Predictor as IClassifierModel
        ?? throw new InvalidOperationException($"The pipeline's predictor is a '{Predictor.Kind}' regressor; only classifiers give probabilities.");
}
