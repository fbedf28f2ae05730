using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Boosting;

// The fitted state and prediction both gradient-boosting models share: the prior raw prediction, the trees (stage-major,
// TreesPerStage per stage), the learning rate, the training loss per stage, and their part of the bundle. For prediction
// the trees are flattened into one node array whose leaves hold learning_rate × leaf value, so a row walks one array and
// adds, in stage order, exactly what fitting added (scikit-learn's predict_stages does the same sum in the same order).
internal sealed class BoostedEnsemble
{
    private const string PriorName = "prior";
    private const string TrainLossName = "train_loss";
    private const string NodeCountsName = "node_counts";

    private readonly DecisionTree[] _trees;
    private readonly double[] _prior;
    private readonly double[] _trainLoss;
    private readonly FlatNode[] _nodes;
    private readonly int[] _roots;

    public BoostedEnsemble(Schema inputSchema, DecisionTree[] trees, double[] prior, double learningRate, double[] trainLoss)
    {
        InputSchema = inputSchema;
        _trees = trees;
        _prior = prior;
        _trainLoss = trainLoss;
        TreesPerStage = prior.Length;
        (_nodes, _roots) = Flatten(trees, learningRate);
        Importances = MeanImportances(trees, inputSchema.Count);
    }

    public Schema InputSchema { get; }

    public int TreesPerStage { get; }

    public int StageCount => _trees.Length / TreesPerStage;

    public IReadOnlyList<DecisionTree> Trees => _trees;

    public IReadOnlyList<double> Prior => _prior;

    public IReadOnlyList<double> TrainLoss => _trainLoss;

    public double[] Importances { get; }

    // The raw scores of one row given in input-schema order: the prior plus every stage's scaled leaf values.
    public void RawRow(ReadOnlySpan<double> features, Span<double> raw) => AddStages(new SpanRow(features), raw);

    // The raw scores of row `row` of column-major input.
    public void RawRow(double[][] columns, int row, Span<double> raw) => AddStages(new ColumnRow(columns, row), raw);

    // Everything after the model's own "options" (and "classes") entries.
    public void Save(BundleWriter writer)
    {
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles(PriorName, _prior);
        writer.WriteDoubles(TrainLossName, _trainLoss);
        DecisionTree.SaveMany(writer, _trees, NodeCountsName);
    }

    // Reads what Save wrote and checks it against the options: the prior's width, at least one and at most n_estimators stages.
    public static BoostedEnsemble Load(BundleReader reader, int treesPerStage, int maxStages, double learningRate)
    {
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var prior = reader.ReadFiniteDoubles(PriorName, treesPerStage);
        var trainLoss = reader.ReadDoubles(TrainLossName);
        var nodeCounts = reader.ReadInt32s(NodeCountsName);
        if (nodeCounts.Length % treesPerStage != 0 || nodeCounts.Length == 0 || nodeCounts.Length / treesPerStage > maxStages)
            throw reader.Invalid($"it holds {nodeCounts.Length} trees; a model of {treesPerStage} trees per stage holds a whole number of stages, from 1 to n_estimators = {maxStages}");
        if (trainLoss.Length != nodeCounts.Length / treesPerStage)
            throw reader.Invalid($"it holds {trainLoss.Length} training losses for {nodeCounts.Length / treesPerStage} stages; there is one per stage");
        var trees = DecisionTree.LoadMany(reader, nodeCounts, inputs.Count, valueWidth: 1, classification: false);
        return new BoostedEnsemble(inputs, trees, prior, learningRate, trainLoss);
    }

    // The prior plus every stage's leaf values for one row, walking the flat nodes; both row layouts share this walk
    // (the generic is specialised per row type, so the walk stays as fast as a hand-written copy for each).
    private void AddStages<TRow>(TRow row, Span<double> raw)
        where TRow : IFeatureRow, allows ref struct
    {
        _prior.CopyTo(raw);
        var nodes = _nodes;
        var roots = _roots;
        var perStage = TreesPerStage;
        for (var first = 0; first < roots.Length; first += perStage)
        {
            for (var k = 0; k < perStage; k++)
            {
                var node = roots[first + k];
                while (nodes[node].Feature >= 0)
                {
                    ref readonly var split = ref nodes[node];
                    var value = row[split.Feature];
                    node = value <= split.Threshold ? split.Left : double.IsNaN(value) ? split.Missing : split.Right;
                }
                raw[k] += nodes[node].Value;
            }
        }
    }

    private static (FlatNode[] Nodes, int[] Roots) Flatten(DecisionTree[] trees, double learningRate)
    {
        var total = 0;
        foreach (var tree in trees)
            total += tree.NodeCount;
        var nodes = new FlatNode[total];
        var roots = new int[trees.Length];
        var offset = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            roots[t] = offset;
            for (var node = 0; node < tree.NodeCount; node++)
            {
                nodes[offset + node] = tree.IsLeaf(node)
                    ? new FlatNode { Feature = -1, Value = learningRate * tree.Value(node)[0] }
                    : new FlatNode
                    {
                        Feature = tree.Feature(node),
                        Threshold = tree.Threshold(node),
                        Left = offset + tree.LeftChild(node),
                        Right = offset + tree.RightChild(node),
                        Missing = offset + (tree.MissingGoesLeft(node) ? tree.LeftChild(node) : tree.RightChild(node)),
                    };
            }
            offset += tree.NodeCount;
        }
        return (nodes, roots);
    }

    // scikit-learn's GradientBoosting feature_importances_: each tree with a split contributes its unnormalised impurity
    // decreases, Σ (w·i − wL·iL − wR·iR) / w_root per feature; their mean over those trees is normalised to sum to 1.
    private static double[] MeanImportances(DecisionTree[] trees, int featureCount)
    {
        var sums = new double[featureCount];
        var contributing = 0;
        var treeImportances = new double[featureCount];
        foreach (var tree in trees)
        {
            if (tree.NodeCount == 1)
                continue;
            contributing++;
            Array.Clear(treeImportances);
            for (var node = 0; node < tree.NodeCount; node++)
            {
                if (tree.IsLeaf(node))
                    continue;
                var left = tree.LeftChild(node);
                var right = tree.RightChild(node);
                treeImportances[tree.Feature(node)] += (tree.WeightedSampleCount(node) * tree.Impurity(node))
                    - (tree.WeightedSampleCount(left) * tree.Impurity(left)) - (tree.WeightedSampleCount(right) * tree.Impurity(right));
            }
            for (var j = 0; j < featureCount; j++)
                sums[j] += treeImportances[j] / tree.WeightedSampleCount(0);
        }
        if (contributing == 0)
            return sums;
        var total = 0.0;
        for (var j = 0; j < featureCount; j++)
        {
            sums[j] /= contributing;
            total += sums[j];
        }
        if (total > 0)
        {
            for (var j = 0; j < featureCount; j++)
                sums[j] /= total;
        }
        return sums;
    }

    // One node of the flattened ensemble: a split reads Feature/Threshold and moves to Left, Right or Missing (absolute
    // indices); a leaf has Feature −1 and holds its learning-rate-scaled value.
    private struct FlatNode
    {
        public double Threshold;
        public double Value;
        public int Feature;
        public int Left;
        public int Right;
        public int Missing;
    }

    // One row's feature values by input-schema index, however the caller holds them.
    private interface IFeatureRow
    {
        double this[int feature] { get; }
    }

    // A row given as a span in input-schema order.
    private readonly ref struct SpanRow(ReadOnlySpan<double> features) : IFeatureRow
    {
        private readonly ReadOnlySpan<double> _features = features;

        public double this[int feature] => _features[feature];
    }

    // Row `row` of column-major input, one array per input-schema column.
    private readonly struct ColumnRow(double[][] columns, int row) : IFeatureRow
    {
        private readonly double[][] _columns = columns;
        private readonly int _row = row;

        public double this[int feature] => _columns[feature][_row];
    }
}
