using System.Buffers;

namespace Kiln.Core.Learners.Trees;

// Grows one CART tree (Breiman et al., 1984) the way scikit-learn 1.2 does, with its BestSplitter and its depth-first
// and best-first builders: the same stopping rules, the same random feature draws (a Fisher–Yates pass that skips
// features known to be constant in the node and keeps drawing past max_features until one non-constant feature was
// seen), the best boundary between adjacent distinct values by the criterion's proxy (first wins on ties), the threshold
// halfway between the two values, and the same impurity-improvement test. What differs is the sort: rows are sorted by
// integer rank (RankedFeatures), so equal values are exactly equal and scikit-learn's 1e-7 closeness rule and its
// float32 copy of the data do not apply; and a node's impurity is computed from its own rows, where scikit-learn
// derives a right child's from the parent's totals minus the left side's, so with fractional weights a pure child can
// get an impurity a few ulps above its epsilon there and be split again into pure leaves, while here it is exactly 0.
//
// Everything a node needs is allocated once per tree: one array of row indices that each split partitions in place (a
// node owns a contiguous range of it), one key buffer and one scratch buffer for the sort, and the class-count scratch
// of the criterion. A forest grows many trees on one RankedFeatures, each with its own rows, weights and KilnRandom.
internal sealed class TreeGrower<TCriterion>
    where TCriterion : struct, ISplitCriterion
{
    // NumPy's double machine epsilon, scikit-learn's EPSILON in its tree builders.
    private const double Epsilon = 2.220446049250313E-16;

    private readonly RankedFeatures _data;
    private readonly double[] _weights;
    private readonly TreeGrowthSettings _settings;
    private readonly KilnRandom _random;
    private readonly CancellationToken _cancellationToken;
    private readonly int[] _rows;
    private readonly int[] _partitionScratch;
    private readonly ulong[] _keys;
    private readonly ulong[] _scratch;
    private readonly int[] _histogram = new int[RankSort.HistogramLength];
    private readonly int[] _features;
    private readonly int[] _constantFeatures;
    private readonly double[] _leftTotals;
    private readonly double[] _rightTotals;
    private readonly TreeArrays _tree;
    private TCriterion _criterion;
    private double _rootWeight;

    // `rows` index the rows of `data` (and of the criterion's targets and of `weights`); they need not be all of them
    // (a bootstrap sample passes its distinct rows, with the draw counts folded into `weights`). Rows of weight 0 are
    // left out, as scikit-learn's Splitter.init leaves them out: they count towards no node's rows and set no threshold.
    public TreeGrower(RankedFeatures data, TCriterion criterion, double[] weights, ReadOnlySpan<int> rows, TreeGrowthSettings settings, KilnRandom random, CancellationToken cancellationToken)
    {
        _data = data;
        _criterion = criterion;
        _weights = weights;
        _settings = settings;
        _random = random;
        _cancellationToken = cancellationToken;
        _rows = WeightedRows(rows, weights);
        // The three per-row scratch buffers are rented and returned when Grow ends: a forest grows many trees one after
        // another on each thread, and fresh arrays per tree left hundreds of megabytes of large-object garbage behind.
        _keys = ArrayPool<ulong>.Shared.Rent(_rows.Length);
        _partitionScratch = ArrayPool<int>.Shared.Rent(_rows.Length);
        _scratch = ArrayPool<ulong>.Shared.Rent(_rows.Length);
        _features = new int[data.FeatureCount];
        for (var j = 0; j < _features.Length; j++)
            _features[j] = j;
        _constantFeatures = new int[data.FeatureCount];
        _leftTotals = new double[criterion.Width];
        _rightTotals = new double[criterion.Width];
        _tree = new TreeArrays(criterion.Width, capacity: (int)Math.Min(1024, (2L * _rows.Length) + 1));
    }

    // Grows the tree once; the grower's scratch buffers go back to the pool when it returns or throws.
    public TreeArrays Grow()
    {
        try
        {
            var rootTotals = new double[_criterion.Width];
            var impurity = _criterion.Summarize(_rows, _weights, rootTotals, out var weight);
            if (!(weight > 0))
                throw new ArgumentException($"The {_rows.Length} rows given to the tree weigh {weight} in total; at least one row needs a positive weight.");
            _rootWeight = weight;
            var root = _tree.Add(rootTotals, impurity, weight, _rows.Length);
            if (_settings.MaxLeafNodes > 0)
                GrowBestFirst(root);
            else
                GrowDepthFirst(root);
            return _tree;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(_keys);
            ArrayPool<int>.Shared.Return(_partitionScratch);
            ArrayPool<ulong>.Shared.Return(_scratch);
        }
    }

    private static int[] WeightedRows(ReadOnlySpan<int> rows, double[] weights)
    {
        var count = 0;
        foreach (var row in rows)
        {
            if (weights[row] != 0)
                count++;
        }
        var kept = new int[count];
        count = 0;
        foreach (var row in rows)
        {
            if (weights[row] != 0)
                kept[count++] = row;
        }
        return kept;
    }

    private void GrowDepthFirst(int root)
    {
        var stack = new Stack<Pending>();
        stack.Push(new Pending(root, 0, _rows.Length, 0, 0));
        while (stack.TryPop(out var node))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var constants = node.KnownConstants;
            if (!TrySplit(node, ref constants, out var split))
                continue;
            var left = _tree.Add(_leftTotals, split.ImpurityLeft, split.WeightLeft, split.Position - node.Start);
            var right = _tree.Add(_rightTotals, split.ImpurityRight, split.WeightRight, node.End - split.Position);
            _tree.SetSplit(node.Node, split.Feature, split.Threshold, left, right);
            stack.Push(new Pending(right, split.Position, node.End, node.Depth + 1, constants));
            stack.Push(new Pending(left, node.Start, split.Position, node.Depth + 1, constants));
        }
    }

    // scikit-learn's BestFirstTreeBuilder: a node's split is found (and its rows partitioned) when the node is created;
    // the frontier then expands the split of largest impurity improvement until max_leaf_nodes − 1 splits are made.
    // Equal improvements expand in node order. Known-constant features are not carried to children here, as there.
    private void GrowBestFirst(int root)
    {
        var frontier = new PriorityQueue<(Pending Node, Split Split), (double, int)>();
        Enqueue(frontier, new Pending(root, 0, _rows.Length, 0, 0));
        var splitsLeft = _settings.MaxLeafNodes - 1;
        while (splitsLeft > 0 && frontier.TryDequeue(out var item, out _))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            splitsLeft--;
            var (node, split) = item;
            var leftImpurity = _criterion.Summarize(_rows.AsSpan(node.Start, split.Position - node.Start), _weights, _leftTotals, out var leftWeight);
            var left = _tree.Add(_leftTotals, leftImpurity, leftWeight, split.Position - node.Start);
            var rightImpurity = _criterion.Summarize(_rows.AsSpan(split.Position, node.End - split.Position), _weights, _rightTotals, out var rightWeight);
            var right = _tree.Add(_rightTotals, rightImpurity, rightWeight, node.End - split.Position);
            _tree.SetSplit(node.Node, split.Feature, split.Threshold, left, right);
            Enqueue(frontier, new Pending(left, node.Start, split.Position, node.Depth + 1, 0));
            Enqueue(frontier, new Pending(right, split.Position, node.End, node.Depth + 1, 0));
        }
    }

    private void Enqueue(PriorityQueue<(Pending Node, Split Split), (double, int)> frontier, Pending node)
    {
        var constants = 0;
        if (TrySplit(node, ref constants, out var split))
            frontier.Enqueue((node, split), (-split.Improvement, node.Node));
    }

    // Applies the stopping rules, finds the best split, partitions the node's rows and computes the children's
    // statistics (left in _leftTotals, right in _rightTotals). False when the node stays a leaf.
    private bool TrySplit(Pending node, ref int knownConstants, out Split split)
    {
        split = default;
        var rowCount = node.End - node.Start;
        var weight = _tree.Weight(node.Node);
        var impurity = _tree.Impurity(node.Node);
        var settings = _settings;
        if (node.Depth >= settings.MaxDepth || rowCount < settings.MinSamplesSplit || rowCount < 2L * settings.MinSamplesLeaf
            || weight < 2 * settings.MinWeightLeaf || impurity <= Epsilon)
        {
            return false;
        }
        if (!FindSplit(node, ref knownConstants, out split))
            return false;
        split.Position += node.Start;
        Partition(node.Start, node.End, split.Feature, split.LeftRank);
        if (!_settings.RandomThresholds)
        {
            var distinct = _data.DistinctValues[split.Feature];
            var below = distinct[split.LeftRank];
            var above = distinct[split.RightRank];
            split.Threshold = (below / 2.0) + (above / 2.0);
            if (!(split.Threshold >= below && split.Threshold < above))
                split.Threshold = below;
        }
        split.ImpurityLeft = _criterion.Summarize(_rows.AsSpan(node.Start, split.Position - node.Start), _weights, _leftTotals, out split.WeightLeft);
        split.ImpurityRight = _criterion.Summarize(_rows.AsSpan(split.Position, node.End - split.Position), _weights, _rightTotals, out split.WeightRight);
        split.Improvement = weight / _rootWeight
            * (impurity - (split.WeightRight / weight * split.ImpurityRight) - (split.WeightLeft / weight * split.ImpurityLeft));
        return split.Improvement + Epsilon >= settings.MinImpurityDecrease;
    }

    // The feature draw of scikit-learn's BestSplitter.node_split. _features is a permutation of all features that
    // persists from node to node; its first `knownConstants` entries are the features found constant in an ancestor
    // (_constantFeatures holds them in their original order), and features found constant here are appended for the
    // node's children.
    private bool FindSplit(Pending node, ref int knownConstants, out Split best)
    {
        best = default;
        best.Feature = -1;
        best.Proxy = double.NegativeInfinity;
        var rows = _rows.AsSpan(node.Start, node.End - node.Start);
        var keys = _keys.AsSpan(0, rows.Length);
        var totals = _tree.Totals(node.Node);
        var weight = _tree.Weight(node.Node);
        var features = _features;
        var known = knownConstants;
        var totalConstants = known;
        var undrawn = features.Length;
        var visited = 0;
        var foundConstants = 0;
        var drawnConstants = 0;
        while (undrawn > totalConstants && (visited < _settings.MaxFeatures || visited <= foundConstants + drawnConstants))
        {
            visited++;
            var draw = _random.NextInt32(drawnConstants, undrawn - foundConstants);
            if (draw < known)
            {
                (features[drawnConstants], features[draw]) = (features[draw], features[drawnConstants]);
                drawnConstants++;
                continue;
            }
            draw += foundConstants;
            var feature = features[draw];
            if (!GatherKeys(_data.Ranks[feature], rows, keys, out var minRank, out var maxRank))
            {
                (features[draw], features[totalConstants]) = (features[totalConstants], features[draw]);
                foundConstants++;
                totalConstants++;
                continue;
            }
            undrawn--;
            (features[undrawn], features[draw]) = (features[draw], features[undrawn]);
            if (_settings.RandomThresholds)
            {
                ScoreRandomThreshold(feature, keys, minRank, maxRank, totals, weight, ref best);
                continue;
            }
            RankSort.Sort(keys, _scratch.AsSpan(0, keys.Length), minRank, maxRank, _histogram);
            ScanFeature(feature, keys, totals, weight, ref best);
        }
        _constantFeatures.AsSpan(0, known).CopyTo(features);
        features.AsSpan(known, foundConstants).CopyTo(_constantFeatures.AsSpan(known));
        knownConstants = totalConstants;
        return best.Feature >= 0;
    }

    // Packs (rank << 32 | row) for the node's rows; false when the feature is constant in the node.
    private static bool GatherKeys(int[] ranks, ReadOnlySpan<int> rows, Span<ulong> keys, out uint minRank, out uint maxRank)
    {
        var min = uint.MaxValue;
        var max = 0u;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var rank = (uint)ranks[row];
            min = Math.Min(min, rank);
            max = Math.Max(max, rank);
            keys[i] = ((ulong)rank << 32) | (uint)row;
        }
        minRank = min;
        maxRank = max;
        return min != max;
    }

    // The hot loop: one pass over the node's rows in rank order, scoring each boundary between distinct values that
    // leaves both children at least min_samples_leaf rows and min_weight_leaf weight (and some weight at all).
    private void ScanFeature(int feature, ReadOnlySpan<ulong> keys, ReadOnlySpan<double> totals, double nodeWeight, ref Split best)
    {
        var weights = _weights;
        var minLeaf = _settings.MinSamplesLeaf;
        var minWeight = _settings.MinWeightLeaf;
        var count = keys.Length;
        _criterion.BeginScan(totals);
        var weightLeft = 0.0;
        for (var i = 0; i < count - 1; i++)
        {
            var key = keys[i];
            var row = (int)(uint)key;
            var weight = weights[row];
            weightLeft += weight;
            _criterion.MoveLeft(row, weight);
            var rank = (uint)(key >> 32);
            var nextRank = (uint)(keys[i + 1] >> 32);
            if (rank == nextRank)
                continue;
            var leftCount = i + 1;
            if (leftCount < minLeaf)
                continue;
            if (count - leftCount < minLeaf)
                break;
            var weightRight = nodeWeight - weightLeft;
            if (weightLeft < minWeight || weightRight < minWeight || !(weightLeft > 0) || !(weightRight > 0))
                continue;
            var proxy = _criterion.Proxy(weightLeft, weightRight);
            if (proxy > best.Proxy)
            {
                best.Proxy = proxy;
                best.Feature = feature;
                best.LeftRank = rank;
                best.RightRank = nextRank;
                best.Position = leftCount;
            }
        }
    }

    // scikit-learn's RandomSplitter for one feature: a threshold drawn uniformly in [min, max) of the node's values (the
    // minimum when the draw rounds to the maximum), scored by the criterion's proxy when both children keep
    // min_samples_leaf rows and min_weight_leaf weight. `keys` are the node's (rank << 32 | row), in any order.
    private void ScoreRandomThreshold(int feature, ReadOnlySpan<ulong> keys, uint minRank, uint maxRank, ReadOnlySpan<double> totals, double nodeWeight, ref Split best)
    {
        var distinct = _data.DistinctValues[feature];
        var low = distinct[minRank];
        var high = distinct[maxRank];
        var threshold = low + ((high - low) * _random.NextDouble());
        if (!(threshold < high))
            threshold = low;
        // The largest rank in [minRank, maxRank) whose value is at most the threshold.
        var first = (int)minRank;
        var last = (int)maxRank - 1;
        while (first < last)
        {
            var middle = first + ((last - first + 1) / 2);
            if (distinct[middle] <= threshold)
                first = middle;
            else
                last = middle - 1;
        }
        var leftRank = (uint)first;
        var weights = _weights;
        _criterion.BeginScan(totals);
        var weightLeft = 0.0;
        var leftCount = 0;
        foreach (var key in keys)
        {
            if ((uint)(key >> 32) > leftRank)
                continue;
            var row = (int)(uint)key;
            weightLeft += weights[row];
            leftCount++;
            _criterion.MoveLeft(row, weights[row]);
        }
        var weightRight = nodeWeight - weightLeft;
        if (leftCount < _settings.MinSamplesLeaf || keys.Length - leftCount < _settings.MinSamplesLeaf
            || weightLeft < _settings.MinWeightLeaf || weightRight < _settings.MinWeightLeaf || !(weightLeft > 0) || !(weightRight > 0))
        {
            return;
        }
        var proxy = _criterion.Proxy(weightLeft, weightRight);
        if (proxy > best.Proxy)
        {
            best.Proxy = proxy;
            best.Feature = feature;
            best.LeftRank = leftRank;
            best.RightRank = leftRank + 1;
            best.Position = leftCount;
            best.Threshold = threshold;
        }
    }

    // Rows whose rank is at most `leftRank` move to the front of the node's range. The partition is stable, so every
    // node's rows stay in ascending row order and the per-feature gathers read the rank arrays front to back.
    private void Partition(int start, int end, int feature, uint leftRank)
    {
        var ranks = _data.Ranks[feature];
        var rows = _rows.AsSpan(start, end - start);
        var right = _partitionScratch.AsSpan(0, rows.Length);
        var leftCount = 0;
        var rightCount = 0;
        foreach (var row in rows)
        {
            if ((uint)ranks[row] <= leftRank)
                rows[leftCount++] = row;
            else
                right[rightCount++] = row;
        }
        right[..rightCount].CopyTo(rows[leftCount..]);
    }

    private readonly record struct Pending(int Node, int Start, int End, int Depth, int KnownConstants);

    private struct Split
    {
        public int Feature;
        public uint LeftRank;
        public uint RightRank;
        public int Position;
        public double Proxy;
        public double Threshold;
        public double Improvement;
        public double ImpurityLeft;
        public double WeightLeft;
        public double ImpurityRight;
        public double WeightRight;
    }
}

