using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Trees;

/// <summary>A fitted binary decision tree: its nodes, their splits, and the value each node predicts (scikit-learn's <c>tree_</c>).</summary>
/// <remarks>
/// Node 0 is the root, and a child always has a larger number than its parent. A split sends a row left when its feature
/// value is at most <see cref="Threshold"/> and right when it is greater. A missing (NaN) value, which fitting never sees,
/// follows the child that carried more training weight (the left one on a tie), as scikit-learn 1.3 sends missing values
/// when none were seen in training. A node's value is its class frequencies (classification) or the target's weighted mean (regression).
/// </remarks>
public sealed class DecisionTree
{
    private readonly TreeNode[] _nodes;
    private readonly double[] _values;
    private readonly double[] _impurities;
    private readonly double[] _weights;
    private readonly int[] _sampleCounts;

    internal DecisionTree(TreeNode[] nodes, double[] values, int valueWidth, double[] impurities, double[] weights, int[] sampleCounts, int featureCount)
    {
        _nodes = nodes;
        _values = values;
        ValueWidth = valueWidth;
        _impurities = impurities;
        _weights = weights;
        _sampleCounts = sampleCounts;
        FeatureCount = featureCount;
        var depths = new int[nodes.Length];
        for (var node = 0; node < nodes.Length; node++)
        {
            if (nodes[node].IsLeaf)
            {
                LeafCount++;
                Depth = Math.Max(Depth, depths[node]);
            }
            else
            {
                depths[nodes[node].Left] = depths[node] + 1;
                depths[nodes[node].Right] = depths[node] + 1;
            }
        }
    }

    /// <summary>The number of nodes, splits and leaves together.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>The number of leaves.</summary>
    public int LeafCount { get; }

    /// <summary>The largest depth of a leaf; a tree that is a single leaf has depth 0.</summary>
    public int Depth { get; }

    /// <summary>The number of input features the tree reads (the model's input columns).</summary>
    public int FeatureCount { get; }

    /// <summary>The number of values per node: the class count, or 1 for regression.</summary>
    public int ValueWidth { get; }

    /// <summary>Whether <paramref name="node"/> is a leaf.</summary>
    public bool IsLeaf(int node) => _nodes[node].IsLeaf;

    /// <summary>The input feature a split tests, or −1 for a leaf.</summary>
    public int Feature(int node) => _nodes[node].Feature;

    /// <summary>The threshold of a split (a row goes left when its value is at most this), or NaN for a leaf.</summary>
    public double Threshold(int node) => _nodes[node].Threshold;

    /// <summary>The left child of a split, or −1 for a leaf.</summary>
    public int LeftChild(int node) => _nodes[node].Left;

    /// <summary>The right child of a split, or −1 for a leaf.</summary>
    public int RightChild(int node) => _nodes[node].Right;

    /// <summary>Whether a row with a missing value in the split's feature goes to the left child (false for a leaf).</summary>
    public bool MissingGoesLeft(int node) => !_nodes[node].IsLeaf && _nodes[node].Missing == _nodes[node].Left;

    /// <summary>The node's value: <see cref="ValueWidth"/> class frequencies summing to 1, or the weighted mean target.</summary>
    public ReadOnlySpan<double> Value(int node) => _values.AsSpan(node * ValueWidth, ValueWidth);

    /// <summary>The node's impurity on its training rows (Gini, entropy in bits, or variance).</summary>
    public double Impurity(int node) => _impurities[node];

    /// <summary>The total sample weight of the node's training rows.</summary>
    public double WeightedSampleCount(int node) => _weights[node];

    /// <summary>The number of training rows in the node.</summary>
    public int SampleCount(int node) => _sampleCounts[node];

    /// <summary>Each feature's total weighted impurity decrease over the splits on it, normalised to sum to 1 (all zero for a single-leaf tree).</summary>
    /// <remarks>scikit-learn's <c>feature_importances_</c> (mean decrease in impurity): Σ over splits of w·i − wL·iL − wR·iR, divided by the root's weight, then by the total.</remarks>
    public double[] FeatureImportances()
    {
        var importances = new double[FeatureCount];
        for (var node = 0; node < _nodes.Length; node++)
        {
            ref readonly var split = ref _nodes[node];
            if (split.IsLeaf)
                continue;
            importances[split.Feature] += (_weights[node] * _impurities[node])
                - (_weights[split.Left] * _impurities[split.Left]) - (_weights[split.Right] * _impurities[split.Right]);
        }
        var sum = 0.0;
        for (var j = 0; j < importances.Length; j++)
        {
            importances[j] /= _weights[0];
            sum += importances[j];
        }
        if (sum > 0)
        {
            for (var j = 0; j < importances.Length; j++)
                importances[j] /= sum;
        }
        return importances;
    }

    // The leaf a row (in input order) falls into. Terminates on any loaded tree because children have larger numbers.
    internal int FindLeaf(ReadOnlySpan<double> row)
    {
        var nodes = _nodes;
        var node = 0;
        while (true)
        {
            ref readonly var current = ref nodes[node];
            if (current.Feature < 0)
                return node;
            var value = row[current.Feature];
            node = value <= current.Threshold ? current.Left : double.IsNaN(value) ? current.Missing : current.Right;
        }
    }

    // The leaf of row `row` of column-major input.
    internal int FindLeaf(double[][] columns, int row)
    {
        var nodes = _nodes;
        var node = 0;
        while (true)
        {
            ref readonly var current = ref nodes[node];
            if (current.Feature < 0)
                return node;
            var value = columns[current.Feature][row];
            node = value <= current.Threshold ? current.Left : double.IsNaN(value) ? current.Missing : current.Right;
        }
    }

    internal void Save(BundleWriter writer) => SaveMany(writer, [this], countsName: null);

    // Writes trees as one set of arrays, each tree's nodes after the previous tree's (child numbers stay tree-local),
    // and, when `countsName` is given, each tree's node count under that name.
    internal static void SaveMany(BundleWriter writer, IReadOnlyList<DecisionTree> trees, string? countsName)
    {
        var count = 0;
        var valueCount = 0;
        foreach (var tree in trees)
        {
            count += tree._nodes.Length;
            valueCount += tree._values.Length;
        }
        var nodeCounts = new int[trees.Count];
        var features = new int[count];
        var thresholds = new double[count];
        var lefts = new int[count];
        var rights = new int[count];
        var missingLeft = new int[count];
        var values = new double[valueCount];
        var impurities = new double[count];
        var weights = new double[count];
        var sampleCounts = new int[count];
        var offset = 0;
        var valueOffset = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            nodeCounts[t] = tree._nodes.Length;
            for (var node = 0; node < tree._nodes.Length; node++)
            {
                features[offset + node] = tree._nodes[node].Feature;
                thresholds[offset + node] = tree._nodes[node].Threshold;
                lefts[offset + node] = tree._nodes[node].Left;
                rights[offset + node] = tree._nodes[node].Right;
                missingLeft[offset + node] = tree.MissingGoesLeft(node) ? 1 : 0;
            }
            tree._values.CopyTo(values, valueOffset);
            tree._impurities.CopyTo(impurities, offset);
            tree._weights.CopyTo(weights, offset);
            tree._sampleCounts.CopyTo(sampleCounts, offset);
            offset += tree._nodes.Length;
            valueOffset += tree._values.Length;
        }
        if (countsName is not null)
            writer.WriteInt32s(countsName, nodeCounts);
        writer.WriteInt32s("feature", features);
        writer.WriteDoubles("threshold", thresholds);
        writer.WriteInt32s("left", lefts);
        writer.WriteInt32s("right", rights);
        writer.WriteInt32s("missing_left", missingLeft);
        writer.WriteDoubles("value", values);
        writer.WriteDoubles("impurity", impurities);
        writer.WriteDoubles("weighted_samples", weights);
        writer.WriteInt32s("samples", sampleCounts);
    }

    // Reads and checks a tree so that no bundle can make prediction index out of range or loop: every child number is
    // larger than its parent's and in range, every node but the root has exactly one parent, features are inputs,
    // thresholds finite, and the value arrays sized and valued as the kind requires.
    internal static DecisionTree Load(BundleReader reader, int featureCount, int valueWidth, bool classification)
    {
        var features = reader.ReadInt32s("feature");
        if (features.Length == 0)
            throw reader.Invalid("the tree has no nodes");
        return LoadMany(reader, [features.Length], featureCount, valueWidth, classification)[0];
    }

    // Reads trees written by SaveMany with the given node counts, checking each tree as Load does.
    internal static DecisionTree[] LoadMany(BundleReader reader, int[] nodeCounts, int featureCount, int valueWidth, bool classification)
    {
        var total = 0L;
        foreach (var nodeCount in nodeCounts)
        {
            if (nodeCount < 1)
                throw reader.Invalid($"a tree has {nodeCount} nodes; every tree has at least 1");
            total += nodeCount;
        }
        if (total * valueWidth > Array.MaxLength)
            throw reader.Invalid($"the trees claim {total} nodes of {valueWidth} values each, more than an array holds");
        var count = (int)total;
        var features = reader.ReadInt32s("feature", count);
        var thresholds = reader.ReadDoubles("threshold", count);
        var lefts = reader.ReadInt32s("left", count);
        var rights = reader.ReadInt32s("right", count);
        var missingLeft = reader.ReadInt32s("missing_left", count);
        var values = reader.ReadFiniteDoubles("value", count * valueWidth);
        var impurities = reader.ReadFiniteDoubles("impurity", count);
        var weights = reader.ReadFiniteDoubles("weighted_samples", count);
        var sampleCounts = reader.ReadInt32s("samples", count);
        var trees = new DecisionTree[nodeCounts.Length];
        var offset = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var n = nodeCounts[t];
            var label = nodeCounts.Length == 1 ? "" : $"tree {t}: ";
            trees[t] = Check(
                reader, label, features.AsSpan(offset, n), thresholds.AsSpan(offset, n), lefts.AsSpan(offset, n), rights.AsSpan(offset, n),
                missingLeft.AsSpan(offset, n), values.AsSpan(offset * valueWidth, n * valueWidth).ToArray(), impurities.AsSpan(offset, n).ToArray(),
                weights.AsSpan(offset, n).ToArray(), sampleCounts.AsSpan(offset, n).ToArray(), featureCount, valueWidth, classification);
            offset += n;
        }
        return trees;
    }

    private static DecisionTree Check(
        BundleReader reader, string label, ReadOnlySpan<int> features, ReadOnlySpan<double> thresholds, ReadOnlySpan<int> lefts, ReadOnlySpan<int> rights,
        ReadOnlySpan<int> missingLeft, double[] values, double[] impurities, double[] weights, int[] sampleCounts, int featureCount, int valueWidth, bool classification)
    {
        var count = features.Length;
        var parents = new int[count];
        var nodes = new TreeNode[count];
        for (var node = 0; node < count; node++)
        {
            var feature = features[node];
            if (feature == TreeNode.NoChild)
            {
                if (lefts[node] != TreeNode.NoChild || rights[node] != TreeNode.NoChild || missingLeft[node] != 0 || !double.IsNaN(thresholds[node]))
                    throw reader.Invalid($"{label}leaf {node} has children, a missing-value direction or a threshold");
                nodes[node] = TreeNode.Leaf;
            }
            else
            {
                if (feature < 0 || feature >= featureCount)
                    throw reader.Invalid($"{label}node {node} splits on feature {feature}; the model has {featureCount} input columns");
                if (!double.IsFinite(thresholds[node]))
                    throw reader.Invalid($"{label}node {node} has threshold {thresholds[node]}; split thresholds are finite");
                var left = lefts[node];
                var right = rights[node];
                if (left <= node || left >= count || right <= node || right >= count || left == right)
                    throw reader.Invalid($"{label}node {node} has children {left} and {right}; children are distinct nodes numbered after their parent, below {count}");
                if (missingLeft[node] is not (0 or 1))
                    throw reader.Invalid($"{label}node {node} has missing-value direction {missingLeft[node]}; it is 0 (right) or 1 (left)");
                parents[left]++;
                parents[right]++;
                nodes[node] = new TreeNode { Feature = feature, Threshold = thresholds[node], Left = left, Right = right, Missing = missingLeft[node] == 1 ? left : right };
            }
            if (impurities[node] < 0 || !(weights[node] > 0) || sampleCounts[node] < 1)
                throw reader.Invalid($"{label}node {node} has impurity {impurities[node]}, weight {weights[node]} and {sampleCounts[node]} rows; impurity is not negative, weight is positive and a node has rows");
            CheckValue(reader, node, values.AsSpan(node * valueWidth, valueWidth), classification);
        }
        for (var node = 0; node < count; node++)
        {
            var expected = node == 0 ? 0 : 1;
            if (parents[node] != expected)
                throw reader.Invalid($"{label}node {node} is the child of {parents[node]} nodes; the root has no parent and every other node exactly one");
        }
        return new DecisionTree(nodes, values, valueWidth, impurities, weights, sampleCounts, featureCount);
    }

    private static void CheckValue(BundleReader reader, int node, ReadOnlySpan<double> value, bool classification)
    {
        if (!classification)
            return;
        var sum = 0.0;
        foreach (var p in value)
        {
            if (p is < 0 or > 1)
                throw reader.Invalid($"node {node} has class probability {p}; probabilities are between 0 and 1");
            sum += p;
        }
        if (Math.Abs(sum - 1) > 1e-9)
            throw reader.Invalid($"the class probabilities of node {node} sum to {sum}; they must sum to 1");
    }
}
