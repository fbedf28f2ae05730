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

    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        var buffer = new double[_classes.Length];
        for (var row = 0; row < destination.Length; row++)
        {
            Average(columns, row, buffer);
            destination[row] = ArgMax(buffer);
        }
    }

    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        Span<double> buffer = _classes.Length <= 256 ? stackalloc double[_classes.Length] : new double[_classes.Length];
        Average(features, buffer);
        return ArgMax(buffer);
    }

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
        if (probabilities.Length != _classes.Length)
            throw new ArgumentException($"The destination holds {probabilities.Length} values; the model has {_classes.Length} classes.", nameof(probabilities));
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
        var classes = reader.ReadJson<string[]>("classes");
        if (classes.Length == 0 || Array.Exists(classes, name => name is null))
            throw reader.Invalid("the class list is empty or holds null");
        if (!classes.SequenceEqual(ClassLabels.Sort(classes), StringComparer.Ordinal) || classes.Distinct(StringComparer.Ordinal).Count() != classes.Length)
            throw reader.Invalid($"the classes ({string.Join(", ", classes)}) are not distinct and in Kiln's class order");
        var oobScore = ForestTrainer.ReadOobScore(reader, hasOobScore);
        var trees = DecisionTree.LoadMany(reader, ForestTrainer.ReadNodeCounts(reader, treeCount), inputs.Count, classes.Length, classification: true);
        return new ClassificationForest(inputs, classes, trees, oobScore);
    }

    private static int ArgMax(ReadOnlySpan<double> probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
                best = c;
        }
        return best;
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
