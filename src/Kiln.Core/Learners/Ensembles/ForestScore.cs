using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

// The score of a forest grown one tree at a time on a fixed set of rows: the out-of-bag rows of the training set, or
// a validation set. Add the trees in tree order; Score() is then the score of the forest of the trees added so far,
// each row predicted by the mean of the trees that voted on it (every tree for validation rows, the trees that did not
// draw it for out-of-bag rows), as the fitted model predicts it: accuracy of the most probable class (the first on a
// tie) for classification, R² for regression. Rows no tree has voted on yet are left out; NaN when there are none.
internal sealed class ForestScore
{
    private readonly double[][] _columns;
    private readonly int[] _tableRows;
    private readonly int[] _codes;
    private readonly double[] _targets;
    private readonly int _width;
    private readonly double[] _sums;
    private readonly int[] _votes;
    private readonly double[] _mean;
    private readonly bool _isClassification;

    private ForestScore(double[][] columns, int[] tableRows, int width, int[] codes, double[] targets, bool isClassification)
    {
        _isClassification = isClassification;
        _columns = columns;
        _tableRows = tableRows;
        _width = width;
        _codes = codes;
        _targets = targets;
        _sums = new double[tableRows.Length * width];
        _votes = new int[tableRows.Length];
        _mean = new double[width];
    }

    // Classification: `codes` are the rows' class indices in the forest's class order, -1 for a class the forest does not know.
    public static ForestScore Accuracy(Schema inputSchema, TrainingSet rows, int[] codes, int classCount) =>
        new(TreeInputs.Columns(inputSchema, rows.Features), rows.RowIndices.ToArray(), classCount, codes, [], isClassification: true);

    public static ForestScore RSquared(Schema inputSchema, TrainingSet rows, double[] targets) =>
        new(TreeInputs.Columns(inputSchema, rows.Features), rows.RowIndices.ToArray(), 1, [], targets, isClassification: false);

    // The class index of each validation row in `classes` (the forest's), -1 when the forest never saw the class.
    public static int[] Codes(TrainingSet rows, IReadOnlyList<string> classes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
            index[classes[c]] = c;
        var labels = rows.ClassLabels();
        var own = new int[labels.ClassCount];
        for (var c = 0; c < own.Length; c++)
            own[c] = index.TryGetValue(labels.Classes[c], out var found) ? found : -1;
        var codes = new int[rows.RowCount];
        var source = labels.Codes;
        for (var row = 0; row < codes.Length; row++)
            codes[row] = own[source[row]];
        return codes;
    }

    // Adds one tree's votes: on every row, or, with the tree's bootstrap draw counts, on the rows it did not draw.
    public void Add(DecisionTree tree, int[]? counts)
    {
        for (var row = 0; row < _tableRows.Length; row++)
        {
            if (counts is not null && counts[row] > 0)
                continue;
            var value = tree.Value(tree.FindLeaf(_columns, _tableRows[row]));
            var sum = _sums.AsSpan(row * _width, _width);
            for (var k = 0; k < _width; k++)
                sum[k] += value[k];
            _votes[row]++;
        }
    }

    public double Score() => _isClassification ? Accuracy() : RSquared();

    private double Accuracy()
    {
        var correct = 0;
        var scored = 0;
        for (var row = 0; row < _votes.Length; row++)
        {
            if (_votes[row] == 0)
                continue;
            scored++;
            var sum = _sums.AsSpan(row * _width, _width);
            for (var c = 0; c < _width; c++)
                _mean[c] = sum[c] / _votes[row];
            var best = 0;
            for (var c = 1; c < _width; c++)
            {
                if (_mean[c] > _mean[best])
                    best = c;
            }
            if (best == _codes[row])
                correct++;
        }
        return scored == 0 ? double.NaN : correct / (double)scored;
    }

    private double RSquared()
    {
        var mean = 0.0;
        var scored = 0;
        for (var row = 0; row < _votes.Length; row++)
        {
            if (_votes[row] > 0)
            {
                mean += _targets[row];
                scored++;
            }
        }
        if (scored == 0)
            return double.NaN;
        mean /= scored;
        var residual = 0.0;
        var total = 0.0;
        for (var row = 0; row < _votes.Length; row++)
        {
            if (_votes[row] == 0)
                continue;
            var error = _targets[row] - (_sums[row] / _votes[row]);
            residual += error * error;
            total += (_targets[row] - mean) * (_targets[row] - mean);
        }
        return total > 0 ? 1 - (residual / total) : residual == 0 ? 1.0 : 0.0;
    }
}
