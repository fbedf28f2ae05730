using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Trees;

/// <summary>A fitted <see cref="DecisionTreeRegressor"/>: the tree and each feature's importance.</summary>
/// <remarks>A row's prediction is the weighted mean target of its leaf. A missing (NaN) feature value follows the heavier child at each split.</remarks>
public sealed class DecisionTreeRegressorModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "decision_tree_regressor";

    private readonly double[] _importances;

    internal DecisionTreeRegressorModel(DecisionTreeRegressorOptions options, Schema inputSchema, DecisionTree tree)
    {
        Options = options;
        InputSchema = inputSchema;
        Tree = tree;
        _importances = tree.FeatureImportances();
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public DecisionTreeRegressorOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The fitted tree; each node's value is the weighted mean target of its training rows.</summary>
    public DecisionTree Tree { get; }

    /// <summary>Each input column's share of the total weighted impurity decrease, in <see cref="InputSchema"/> order; they sum to 1 unless the tree is a single leaf.</summary>
    public IReadOnlyList<double> FeatureImportances => _importances;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        for (var row = 0; row < destination.Length; row++)
            destination[row] = Tree.Value(Tree.FindLeaf(columns, row))[0];
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        return Tree.Value(Tree.FindLeaf(features))[0];
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", DecisionTreeRegressorState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        Tree.Save(writer);
    }

    internal static DecisionTreeRegressorModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<DecisionTreeRegressorState>("options").ToOptions();
        DecisionTreeRegressor.Validate(options);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var tree = DecisionTree.Load(reader, inputs.Count, valueWidth: 1, classification: false);
        return new DecisionTreeRegressorModel(options, inputs, tree);
    }
}
