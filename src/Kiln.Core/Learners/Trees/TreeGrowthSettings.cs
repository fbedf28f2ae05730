namespace Kiln.Core.Learners.Trees;

// The stopping rules and feature sampling of one tree, resolved to absolute numbers for the rows it grows on
// (scikit-learn's BaseDecisionTree.fit does the same resolution before calling its builder).
internal readonly record struct TreeGrowthSettings
{
    // A node at this depth is a leaf (the root has depth 0); int.MaxValue for no limit.
    public int MaxDepth { get; init; }

    // A node with fewer rows is a leaf; already at least 2 × MinSamplesLeaf.
    public int MinSamplesSplit { get; init; }

    // Each child of a split keeps at least this many rows.
    public int MinSamplesLeaf { get; init; }

    // Each child of a split keeps at least this much weight.
    public double MinWeightLeaf { get; init; }

    // Features drawn per node, 1 … feature count (more are drawn when those drawn are all constant in the node).
    public int MaxFeatures { get; init; }

    // A split must decrease the weighted impurity, as a fraction of the total weight, by at least this much.
    public double MinImpurityDecrease { get; init; }

    // 0 for depth-first growth without a leaf limit; otherwise best-first growth up to this many leaves (at least 2).
    public int MaxLeafNodes { get; init; }

    // Extra trees (Geurts et al., 2006): each drawn feature gets one threshold drawn uniformly between its smallest and
    // largest value in the node, as scikit-learn's RandomSplitter, instead of the best boundary.
    public bool RandomThresholds { get; init; }
}
