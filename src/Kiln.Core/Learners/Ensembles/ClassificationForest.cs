using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

// The fitted state and prediction every forest classifier shares (random forest, extra trees): the trees, the classes,
// the mean importances and the out-of-bag score, and their part of the bundle. The models add their options and kind.
internal sealed class ClassificationForest
{
    private readonly string[] _classes;
    private readonly DecisionTree[] _trees;

    public ClassificationForest(Schema inputSchema, string[] classes, DecisionTree[] trees, double? oobScore)
    {
        InputSchema = inputSchema;
        _classes = classes;
        _trees = trees;
        OobScore = oobScore;
        Importances = ForestTrainer.MeanImportances(trees, inputSchema.Count);
    }

    public Schema InputSchema { get; }

    public IReadOnlyList<string> Classes => _classes;

    public IReadOnlyList<DecisionTree> Trees => _trees;

    public double[] Importances { get; }

    public double? OobScore { get; }

    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        var classCount = _classes.Length;
        NumericInputs.CheckDestination(features.RowCount, classCount, destination.Length);
        var buffer = new double[classCount];
        for (var row = 0; row < features.RowCount; row++)
        {
            Average(columns, row, buffer);
            buffer.CopyTo(destination.Slice(row * classCount, classCount));
        }
    }

    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        Average(features, probabilities);
    }

    // Everything after the model's own "options" entry.
    public void Save(BundleWriter writer)
    {
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("classes", _classes);
        writer.WriteDoubles("oob_score", OobScore is { } score ? [score] : []);
        DecisionTree.SaveMany(writer, _trees, ForestTrainer.NodeCountsName);
    }

    public static ClassificationForest Load(BundleReader reader, int treeCount, bool hasOobScore)
    {
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var classes = ClassPrediction.Load(reader, minimumCount: 1);
        var oobScore = ForestTrainer.ReadOobScore(reader, hasOobScore);
        var trees = DecisionTree.LoadMany(reader, ForestTrainer.ReadNodeCounts(reader, treeCount), inputs.Count, classes.Length, classification: true);
        return new ClassificationForest(inputs, classes, trees, oobScore);
    }

    private void Average(double[][] columns, int row, Span<double> destination)
    {
        destination.Clear();
        foreach (var tree in _trees)
        {
            var value = tree.Value(tree.FindLeaf(columns, row));
            for (var c = 0; c < value.Length; c++)
                destination[c] += value[c];
        }
        for (var c = 0; c < destination.Length; c++)
            destination[c] /= _trees.Length;
    }

    private void Average(ReadOnlySpan<double> features, Span<double> destination)
    {
        destination.Clear();
        foreach (var tree in _trees)
        {
            var value = tree.Value(tree.FindLeaf(features));
            for (var c = 0; c < value.Length; c++)
                destination[c] += value[c];
        }
        for (var c = 0; c < destination.Length; c++)
            destination[c] /= _trees.Length;
    }
}
