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

    private readonly DecisionTree[] _trees;
    private readonly double[] _importances;

    internal ExtraTreesRegressorModel(ExtraTreesRegressorOptions options, Schema inputSchema, DecisionTree[] trees, double? oobScore)
    {
        Options = options;
        InputSchema = inputSchema;
        _trees = trees;
        OobScore = oobScore;
        _importances = ForestTrainer.MeanImportances(trees, inputSchema.Count);
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public ExtraTreesRegressorOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The fitted trees, in the order of their seeds.</summary>
    public IReadOnlyList<DecisionTree> Trees => _trees;

    /// <summary>The mean over trees (those with a split) of each tree's normalised impurity importances, renormalised to sum to 1, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances => _importances;

    /// <summary>The R² of each training row's mean prediction by the trees that did not draw it, over the rows some tree left out; <see langword="null"/> unless <c>oob_score</c> was set.</summary>
    public double? OobScore { get; }

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        for (var row = 0; row < destination.Length; row++)
        {
            var sum = 0.0;
            foreach (var tree in _trees)
                sum += tree.Value(tree.FindLeaf(columns, row))[0];
            destination[row] = sum / _trees.Length;
        }
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        var sum = 0.0;
        foreach (var tree in _trees)
            sum += tree.Value(tree.FindLeaf(features))[0];
        return sum / _trees.Length;
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", ExtraTreesRegressorState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("oob_score", OobScore is { } score ? [score] : []);
        DecisionTree.SaveMany(writer, _trees, ForestTrainer.NodeCountsName);
    }

    internal static ExtraTreesRegressorModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<ExtraTreesRegressorState>("options").ToOptions();
        ExtraTreesRegressor.Validate(options);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var oobScore = ForestTrainer.ReadOobScore(reader, options.OobScore);
        var trees = DecisionTree.LoadMany(reader, ForestTrainer.ReadNodeCounts(reader, options.NEstimators), inputs.Count, valueWidth: 1, classification: false);
        return new ExtraTreesRegressorModel(options, inputs, trees, oobScore);
    }
}
