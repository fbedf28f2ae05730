namespace Kiln.Core.Profiling;

// The best rule that maps intervals of one sorted numeric feature to a class (or a mean): a binary tree grown best-first, as CART
// (Breiman et al., 1984) with scikit-learn's max_leaf_nodes, splitting only between distinct values and keeping at least
// minLeafRows rows per interval. Split points of an impurity-optimal split lie on class boundaries (Fayyad & Irani, 1992), so a
// feature that separates k classes perfectly is found with k intervals.
internal static class IntervalRule
{
    // The number of rows the intervals' majority classes get right. values ascending; classes[i] the class of values[i].
    public static int CorrectCount(ReadOnlySpan<double> values, ReadOnlySpan<int> classes, int classCount, int maxLeaves, int minLeafRows)
    {
        if (values.Length == 0)
            return 0;
        var scratch = new int[classCount * 2];
        var leaves = new List<Leaf> { ClassSplit(values, classes, 0, values.Length, minLeafRows, scratch) };
        while (leaves.Count < maxLeaves && BestToSplit(leaves) is var best and >= 0)
        {
            var parent = leaves[best];
            leaves[best] = ClassSplit(values, classes, parent.Start, parent.SplitAt, minLeafRows, scratch);
            leaves.Insert(best + 1, ClassSplit(values, classes, parent.SplitAt, parent.End, minLeafRows, scratch));
        }
        var correct = 0;
        foreach (var leaf in leaves)
            correct += (int)leaf.Score;
        return correct;
    }

    // Σ over intervals of n·(interval mean − 0)²: the between-interval sum of squares of targets already centred on their mean.
    public static double BetweenSquares(ReadOnlySpan<double> values, ReadOnlySpan<double> centredTargets, int maxLeaves, int minLeafRows, double tolerance)
    {
        if (values.Length == 0)
            return 0;
        var leaves = new List<Leaf> { SquaresSplit(values, centredTargets, 0, values.Length, minLeafRows, tolerance) };
        while (leaves.Count < maxLeaves && BestToSplit(leaves) is var best and >= 0)
        {
            var parent = leaves[best];
            leaves[best] = SquaresSplit(values, centredTargets, parent.Start, parent.SplitAt, minLeafRows, tolerance);
            leaves.Insert(best + 1, SquaresSplit(values, centredTargets, parent.SplitAt, parent.End, minLeafRows, tolerance));
        }
        var between = 0.0;
        foreach (var leaf in leaves)
            between += leaf.Score;
        return between;
    }

    // The leaf with the largest gain among those that can split (the first on ties), or -1.
    private static int BestToSplit(List<Leaf> leaves)
    {
        var best = -1;
        for (var i = 0; i < leaves.Count; i++)
        {
            if (leaves[i].SplitAt > 0 && (best < 0 || leaves[i].Gain > leaves[best].Gain))
                best = i;
        }
        return best;
    }

    // Gini: the split maximising Σ_left c²/n_left + Σ_right c²/n_right (the weighted Gini impurity's complement).
    // The leaf's score is its majority count.
    private static Leaf ClassSplit(ReadOnlySpan<double> values, ReadOnlySpan<int> classes, int start, int end, int minLeafRows, int[] scratch)
    {
        var classCount = scratch.Length / 2;
        var total = scratch.AsSpan(0, classCount);
        var left = scratch.AsSpan(classCount, classCount);
        total.Clear();
        left.Clear();
        for (var i = start; i < end; i++)
            total[classes[i]]++;
        long totalSquares = 0;
        var majority = 0;
        foreach (var count in total)
        {
            totalSquares += (long)count * count;
            majority = Math.Max(majority, count);
        }
        var rows = end - start;
        var leaf = new Leaf(start, end, SplitAt: 0, Gain: 0, Score: majority);
        if (rows < 2 * minLeafRows || majority == rows)
            return leaf;

        long leftSquares = 0;
        var rightSquares = totalSquares;
        var bestProxy = double.NegativeInfinity;
        var bestSplit = 0;
        for (var i = start; i < end - 1; i++)
        {
            var label = classes[i];
            var leftCount = left[label];
            var rightCount = total[label] - leftCount;
            leftSquares += (2L * leftCount) + 1;
            rightSquares += 1 - (2L * rightCount);
            left[label] = leftCount + 1;
            var leftRows = i - start + 1;
            var rightRows = rows - leftRows;
            if (rightRows < minLeafRows)
                break;
            if (leftRows < minLeafRows || values[i] == values[i + 1])
                continue;
            var proxy = ((double)leftSquares / leftRows) + ((double)rightSquares / rightRows);
            if (proxy > bestProxy)
            {
                bestProxy = proxy;
                bestSplit = i + 1;
            }
        }
        var gain = bestProxy - ((double)totalSquares / rows);
        return bestSplit > 0 && gain > 1e-12 * rows ? leaf with { SplitAt = bestSplit, Gain = gain } : leaf;
    }

    // Squared error: the split maximising S_left²/n_left + S_right²/n_right. The leaf's score is S²/n, its between-leaf share.
    private static Leaf SquaresSplit(ReadOnlySpan<double> values, ReadOnlySpan<double> targets, int start, int end, int minLeafRows, double tolerance)
    {
        var sum = 0.0;
        for (var i = start; i < end; i++)
            sum += targets[i];
        var rows = end - start;
        var parentProxy = sum * sum / rows;
        var leaf = new Leaf(start, end, SplitAt: 0, Gain: 0, Score: parentProxy);
        if (rows < 2 * minLeafRows)
            return leaf;

        var leftSum = 0.0;
        var bestProxy = double.NegativeInfinity;
        var bestSplit = 0;
        for (var i = start; i < end - 1; i++)
        {
            leftSum += targets[i];
            var leftRows = i - start + 1;
            var rightRows = rows - leftRows;
            if (rightRows < minLeafRows)
                break;
            if (leftRows < minLeafRows || values[i] == values[i + 1])
                continue;
            var rightSum = sum - leftSum;
            var proxy = (leftSum * leftSum / leftRows) + (rightSum * rightSum / rightRows);
            if (proxy > bestProxy)
            {
                bestProxy = proxy;
                bestSplit = i + 1;
            }
        }
        var gain = bestProxy - parentProxy;
        return bestSplit > 0 && gain > tolerance ? leaf with { SplitAt = bestSplit, Gain = gain } : leaf;
    }

    // A contiguous range of the sorted rows; SplitAt > 0 is where its best split falls, with its gain.
    private readonly record struct Leaf(int Start, int End, int SplitAt, double Gain, double Score);
}
