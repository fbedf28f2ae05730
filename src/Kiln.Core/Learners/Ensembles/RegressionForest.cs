using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

// The fitted state and prediction every forest regressor shares (random forest, extra trees): the trees, the mean
// importances and the out-of-bag score, and their part of the bundle. The models add their options and kind.
internal sealed class RegressionForest
{
    private readonly DecisionTree[] _trees;

    public RegressionForest(Schema inputSchema, DecisionTree[] trees, double? oobScore)
    {
        InputSchema = inputSchema;
        _trees = trees;
        OobScore = oobScore;
        Importances = ForestTrainer.MeanImportances(trees, inputSchema.Count);
    }

    public Schema InputSchema { get; }

    public IReadOnlyList<DecisionTree> Trees => _trees;

    public double[] Importances { get; }

    public double? OobScore { get; }

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

    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        var sum = 0.0;
        foreach (var tree in _trees)
            sum += tree.Value(tree.FindLeaf(features))[0];
        return sum / _trees.Length;
    }

    // Everything after the model's own "options" entry.
    public void Save(BundleWriter writer)
    {
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("oob_score", OobScore is { } score ? [score] : []);
        DecisionTree.SaveMany(writer, _trees, ForestTrainer.NodeCountsName);
    }

    public static RegressionForest Load(BundleReader reader, int treeCount, bool hasOobScore)
    {
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var oobScore = ForestTrainer.ReadOobScore(reader, hasOobScore);
        var trees = DecisionTree.LoadMany(reader, ForestTrainer.ReadNodeCounts(reader, treeCount), inputs.Count, valueWidth: 1, classification: false);
        return new RegressionForest(inputs, trees, oobScore);
    }
}
