namespace Kiln.Core.Profiling;

// The best rule that maps intervals of one sorted numeric feature to a class (or a mean): a binary tree grown best-first, as CART
// (Breiman et al., 1984) with scikit-learn's max_leaf_nodes, splitting only between distinct values and keeping at least
// minLeafRows rows per interval. Split points of an impurity-optimal split lie on class boundaries (Fayyad & Irani, 1992), so a
// feature that separates k classes perfectly is found with k intervals.
//
// The sorted rows are first gathered into at most MaxBins bins of whole runs of equal values (each about rows / MaxBins rows),
// with class counts or target sums per bin, as histogram-based tree learners do (LightGBM, Ke et al., 2017); splits are searched
// between bins. With at most MaxBins distinct values every run is its own bin and the search is exact, as scikit-learn's.
internal static class IntervalRule
{
    public const int MaxBins = 4096;

    // The number of rows the intervals' majority classes get right. values ascending; classes[i] the class of values[i].
    public static int CorrectCount(ReadOnlySpan<double> values, ReadOnlySpan<int> classes, int classCount, int maxLeaves, int minLeafRows)
    {
        if (values.Length == 0)
            return 0;
        var binRows = Bin(values, out var binOf);
        var counts = new int[binRows.Length * classCount];
        for (var i = 0; i < values.Length; i++)
            counts[(binOf[i] * classCount) + classes[i]]++;

        var scratch = new int[classCount * 2];
        var leaves = new List<Leaf> { ClassSplit(binRows, counts, classCount, 0, binRows.Length, minLeafRows, scratch) };
        while (leaves.Count < maxLeaves && BestToSplit(leaves) is var best and >= 0)
        {
            var parent = leaves[best];
            leaves[best] = ClassSplit(binRows, counts, classCount, parent.Start, parent.SplitAt, minLeafRows, scratch);
            leaves.Insert(best + 1, ClassSplit(binRows, counts, classCount, parent.SplitAt, parent.End, minLeafRows, scratch));
        }
        var correct = 0;
        foreach (var leaf in leaves)
            correct += (int)leaf.Score;
        return correct;
    }

    // Σ over intervals of n·(interval mean)²: the between-interval sum of squares of targets already centred on their mean.
    public static double BetweenSquares(ReadOnlySpan<double> values, ReadOnlySpan<double> centredTargets, int maxLeaves, int minLeafRows, double tolerance)
    {
        if (values.Length == 0)
            return 0;
        var binRows = Bin(values, out var binOf);
        var sums = new double[binRows.Length];
        for (var i = 0; i < values.Length; i++)
            sums[binOf[i]] += centredTargets[i];

        var leaves = new List<Leaf> { SquaresSplit(binRows, sums, 0, binRows.Length, minLeafRows, tolerance) };
        while (leaves.Count < maxLeaves && BestToSplit(leaves) is var best and >= 0)
        {
            var parent = leaves[best];
            leaves[best] = SquaresSplit(binRows, sums, parent.Start, parent.SplitAt, minLeafRows, tolerance);
            leaves.Insert(best + 1, SquaresSplit(binRows, sums, parent.SplitAt, parent.End, minLeafRows, tolerance));
        }
        var between = 0.0;
        foreach (var leaf in leaves)
            between += leaf.Score;
        return between;
    }

    // Gathers sorted values into bins of whole runs of equal values, each closed once it holds rows / MaxBins rows.
    // Returns the rows per bin; binOf[i] is the bin of values[i].
    private static int[] Bin(ReadOnlySpan<double> values, out int[] binOf)
    {
        var target = (values.Length + MaxBins - 1) / MaxBins;
        binOf = new int[values.Length];
        var binRows = new List<int>();
        var rowsInBin = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0 && rowsInBin >= target && values[i] != values[i - 1])
            {
                binRows.Add(rowsInBin);
                rowsInBin = 0;
            }
            binOf[i] = binRows.Count;
            rowsInBin++;
        }
        binRows.Add(rowsInBin);
        return [.. binRows];
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

    // Gini over the bins [start, end): the split maximising Σ_left c²/n_left + Σ_right c²/n_right (the weighted Gini impurity's
    // complement). The leaf's score is its majority count.
    private static Leaf ClassSplit(int[] binRows, int[] counts, int classCount, int start, int end, int minLeafRows, int[] scratch)
    {
        var total = scratch.AsSpan(0, classCount);
        var left = scratch.AsSpan(classCount, classCount);
        total.Clear();
        left.Clear();
        var rows = 0;
        for (var bin = start; bin < end; bin++)
        {
            rows += binRows[bin];
            var binCounts = counts.AsSpan(bin * classCount, classCount);
            for (var c = 0; c < classCount; c++)
                total[c] += binCounts[c];
        }
        long totalSquares = 0;
        var majority = 0;
        foreach (var count in total)
        {
            totalSquares += (long)count * count;
            majority = Math.Max(majority, count);
        }
        var leaf = new Leaf(start, end, SplitAt: 0, Gain: 0, Score: majority);
        if (rows < 2 * minLeafRows || majority == rows)
            return leaf;

        var leftRows = 0;
        var bestProxy = double.NegativeInfinity;
        var bestSplit = 0;
        for (var bin = start; bin < end - 1; bin++)
        {
            var binCounts = counts.AsSpan(bin * classCount, classCount);
            long leftSquares = 0, rightSquares = 0;
            for (var c = 0; c < classCount; c++)
            {
                var leftCount = left[c] + binCounts[c];
                left[c] = leftCount;
                var rightCount = total[c] - leftCount;
                leftSquares += (long)leftCount * leftCount;
                rightSquares += (long)rightCount * rightCount;
            }
            leftRows += binRows[bin];
            var rightRows = rows - leftRows;
            if (rightRows < minLeafRows)
                break;
            if (leftRows < minLeafRows)
                continue;
            var proxy = ((double)leftSquares / leftRows) + ((double)rightSquares / rightRows);
            if (proxy > bestProxy)
            {
                bestProxy = proxy;
                bestSplit = bin + 1;
            }
        }
        var gain = bestProxy - ((double)totalSquares / rows);
        return bestSplit > 0 && gain > 1e-12 * rows ? leaf with { SplitAt = bestSplit, Gain = gain } : leaf;
    }

    // Squared error over the bins [start, end): the split maximising S_left²/n_left + S_right²/n_right. The leaf's score is
    // S²/n, its share of the between-interval sum of squares.
    private static Leaf SquaresSplit(int[] binRows, double[] sums, int start, int end, int minLeafRows, double tolerance)
    {
        var sum = 0.0;
        var rows = 0;
        for (var bin = start; bin < end; bin++)
        {
            sum += sums[bin];
            rows += binRows[bin];
        }
        var parentProxy = sum * sum / rows;
        var leaf = new Leaf(start, end, SplitAt: 0, Gain: 0, Score: parentProxy);
        if (rows < 2 * minLeafRows)
            return leaf;

        var leftSum = 0.0;
        var leftRows = 0;
        var bestProxy = double.NegativeInfinity;
        var bestSplit = 0;
        for (var bin = start; bin < end - 1; bin++)
        {
            leftSum += sums[bin];
            leftRows += binRows[bin];
            var rightRows = rows - leftRows;
            if (rightRows < minLeafRows)
                break;
            if (leftRows < minLeafRows)
                continue;
            var rightSum = sum - leftSum;
            var proxy = (leftSum * leftSum / leftRows) + (rightSum * rightSum / rightRows);
            if (proxy > bestProxy)
            {
                bestProxy = proxy;
                bestSplit = bin + 1;
            }
        }
        var gain = bestProxy - parentProxy;
        return bestSplit > 0 && gain > tolerance ? leaf with { SplitAt = bestSplit, Gain = gain } : leaf;
    }

    // A range of bins [Start, End); SplitAt > 0 is the first bin of the right part of its best split, with its gain.
    private readonly record struct Leaf(int Start, int End, int SplitAt, double Gain, double Score);
}
