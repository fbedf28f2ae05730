using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A fitted <see cref="ExtraTreesRegressor"/>: its trees, each feature's importance, and the out-of-bag R² when asked for.</summary>
/// <remarks>A row's prediction is the mean of the trees' predictions, summed in tree order. A missing (NaN) feature value follows the heavier child at each split.</remarks>
public sealed class ExtraTreesRegressorModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "extra_trees_regressor";

    private readonly RegressionForest _forest;

    internal ExtraTreesRegressorModel(ExtraTreesRegressorOptions options, Schema inputSchema, DecisionTree[] trees, double? oobScore)
        : this(options, new RegressionForest(inputSchema, trees, oobScore))
    {
    }

    private ExtraTreesRegressorModel(ExtraTreesRegressorOptions options, RegressionForest forest)
    {
        Options = options;
        _forest = forest;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public ExtraTreesRegressorOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema => _forest.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The fitted trees, in the order of their seeds.</summary>
    public IReadOnlyList<DecisionTree> Trees => _forest.Trees;

    /// <summary>The mean over trees (those with a split) of each tree's normalised impurity importances, renormalised to sum to 1, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances => _forest.Importances;

    /// <summary>The R² of each training row's mean prediction by the trees that did not draw it, over the rows some tree left out; <see langword="null"/> unless <c>oob_score</c> was set.</summary>
    public double? OobScore => _forest.OobScore;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination) => _forest.Predict(features, destination);

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features) => _forest.PredictRow(features);

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", ExtraTreesRegressorState.From(Options));
        _forest.Save(writer);
    }

    internal static ExtraTreesRegressorModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<ExtraTreesRegressorState>("options").ToOptions();
        ExtraTreesRegressor.Validate(options);
        return new ExtraTreesRegressorModel(options, RegressionForest.Load(reader, options.NEstimators, options.OobScore));
    }
}
