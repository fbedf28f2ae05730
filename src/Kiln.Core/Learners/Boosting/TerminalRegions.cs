using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Boosting;

// scikit-learn's update_terminal_regions: each leaf's value becomes the loss's estimate from the stage's in-bag rows that
// fall into it (the tree was grown on those rows, so every leaf has some); split nodes keep their values.
internal static class TerminalRegions
{
    public static DecisionTree Update(
        DecisionTree tree, int[] leaves, int[] inBag, int k, BoostingLoss loss, double[] targets, double[] raw, double[] residuals, double[] weights)
    {
        var nodeCount = tree.NodeCount;
        var starts = new int[nodeCount + 1];
        foreach (var row in inBag)
            starts[leaves[row] + 1]++;
        for (var node = 0; node < nodeCount; node++)
            starts[node + 1] += starts[node];
        var grouped = new int[inBag.Length];
        var next = starts.AsSpan(0, nodeCount).ToArray();
        foreach (var row in inBag)
            grouped[next[leaves[row]]++] = row;
        var values = new double[nodeCount];
        for (var node = 0; node < nodeCount; node++)
        {
            values[node] = tree.Value(node)[0];
            var rows = grouped.AsSpan(starts[node], starts[node + 1] - starts[node]);
            if (tree.IsLeaf(node) && rows.Length > 0)
                values[node] = loss.LeafValue(k, rows, targets, raw, residuals, weights);
        }
        return WithValues(tree, values);
    }

    private static DecisionTree WithValues(DecisionTree tree, double[] values)
    {
        var count = tree.NodeCount;
        var nodes = new TreeNode[count];
        var impurities = new double[count];
        var weights = new double[count];
        var sampleCounts = new int[count];
        for (var node = 0; node < count; node++)
        {
            nodes[node] = tree.IsLeaf(node)
                ? TreeNode.Leaf
                : new TreeNode
                {
                    Feature = tree.Feature(node),
                    Threshold = tree.Threshold(node),
                    Left = tree.LeftChild(node),
                    Right = tree.RightChild(node),
                    Missing = tree.MissingGoesLeft(node) ? tree.LeftChild(node) : tree.RightChild(node),
                };
            impurities[node] = tree.Impurity(node);
            weights[node] = tree.WeightedSampleCount(node);
            sampleCounts[node] = tree.SampleCount(node);
        }
        return new DecisionTree(nodes, values, valueWidth: 1, impurities, weights, sampleCounts, tree.FeatureCount);
    }
}
