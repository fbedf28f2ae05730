namespace Kiln.Core.Learners.Trees;

// The growing tree's flat arrays, doubled as nodes are added. Each node keeps `width` totals (weighted class counts, or
// the weighted target sum) while growing; ToTree turns them into the leaf values (class frequencies, or the mean).
internal sealed class TreeArrays
{
    private readonly int _width;
    private TreeNode[] _nodes;
    private double[] _totals;
    private double[] _impurities;
    private double[] _weights;
    private int[] _sampleCounts;

    public TreeArrays(int width, int capacity)
    {
        _width = width;
        capacity = Math.Max(capacity, 1);
        _nodes = new TreeNode[capacity];
        _totals = new double[capacity * width];
        _impurities = new double[capacity];
        _weights = new double[capacity];
        _sampleCounts = new int[capacity];
    }

    public int Count { get; private set; }

    public Span<double> Totals(int node) => _totals.AsSpan(node * _width, _width);

    public double Impurity(int node) => _impurities[node];

    public double Weight(int node) => _weights[node];

    public int Add(ReadOnlySpan<double> totals, double impurity, double weight, int sampleCount)
    {
        if (Count == _nodes.Length)
            Grow();
        var node = Count++;
        _nodes[node] = TreeNode.Leaf;
        totals.CopyTo(Totals(node));
        _impurities[node] = impurity;
        _weights[node] = weight;
        _sampleCounts[node] = sampleCount;
        return node;
    }

    // Makes `node` a split; rows with a missing value follow the heavier child (the left one on a tie).
    public void SetSplit(int node, int feature, double threshold, int left, int right) =>
        _nodes[node] = new TreeNode
        {
            Feature = feature,
            Threshold = threshold,
            Left = left,
            Right = right,
            Missing = _weights[left] >= _weights[right] ? left : right,
        };

    // Leaf values: for classification the class frequencies, counts over their sum (scikit-learn's predict_proba
    // normalisation); for regression the weighted mean, sum over weight (its node value).
    public DecisionTree ToTree(int featureCount, bool classification)
    {
        var count = Count;
        var values = new double[count * _width];
        for (var node = 0; node < count; node++)
        {
            var totals = Totals(node);
            var value = values.AsSpan(node * _width, _width);
            var divisor = _weights[node];
            if (classification)
            {
                divisor = 0.0;
                foreach (var total in totals)
                    divisor += total;
            }
            for (var k = 0; k < _width; k++)
                value[k] = totals[k] / divisor;
        }
        return new DecisionTree(
            _nodes.AsSpan(0, count).ToArray(), values, _width, _impurities.AsSpan(0, count).ToArray(),
            _weights.AsSpan(0, count).ToArray(), _sampleCounts.AsSpan(0, count).ToArray(), featureCount);
    }

    private void Grow()
    {
        var capacity = _nodes.Length * 2;
        Array.Resize(ref _nodes, capacity);
        Array.Resize(ref _totals, capacity * _width);
        Array.Resize(ref _impurities, capacity);
        Array.Resize(ref _weights, capacity);
        Array.Resize(ref _sampleCounts, capacity);
    }
}
