using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A fitted <see cref="ExtraTreesClassifier"/>: its trees, the classes, each feature's importance, and the out-of-bag accuracy when asked for.</summary>
/// <remarks>
/// A row's probabilities are the mean of its leaves' class frequencies over the trees, summed in tree order; its
/// prediction is the most probable class, the lowest index on a tie, as scikit-learn's <c>predict</c>. A missing (NaN)
/// feature value follows the heavier child at each split.
/// </remarks>
public sealed class ExtraTreesClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "extra_trees_classifier";

    private readonly ClassificationForest _forest;

    internal ExtraTreesClassifierModel(ExtraTreesClassifierOptions options, Schema inputSchema, string[] classes, DecisionTree[] trees, double? oobScore)
        : this(options, new ClassificationForest(inputSchema, classes, trees, oobScore))
    {
    }

    private ExtraTreesClassifierModel(ExtraTreesClassifierOptions options, ClassificationForest forest)
    {
        Options = options;
        _forest = forest;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public ExtraTreesClassifierOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema => _forest.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _forest.Classes;

    /// <summary>The fitted trees, in the order of their seeds; node values are class frequencies in <see cref="Classes"/> order.</summary>
    public IReadOnlyList<DecisionTree> Trees => _forest.Trees;

    /// <summary>The mean over trees (those with a split) of each tree's normalised impurity importances, renormalised to sum to 1, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances => _forest.Importances;

    /// <summary>The accuracy of each training row's most probable class by the trees that did not draw it, over the rows some tree left out; <see langword="null"/> unless <c>oob_score</c> was set.</summary>
    public double? OobScore => _forest.OobScore;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination) => ClassPrediction.Predict(this, features, destination);

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features) => ClassPrediction.PredictRow(this, features);

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination) => _forest.PredictProbabilities(features, destination);

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities) => _forest.PredictRowProbabilities(features, probabilities);

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", ExtraTreesClassifierState.From(Options));
        _forest.Save(writer);
    }

    internal static ExtraTreesClassifierModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<ExtraTreesClassifierState>("options").ToOptions();
        ExtraTreesClassifier.Validate(options);
        return new ExtraTreesClassifierModel(options, ClassificationForest.Load(reader, options.NEstimators, options.OobScore));
    }
}
