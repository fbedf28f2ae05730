namespace Kiln.Core.Learners.Trees;

// Gini impurity 1 − Σ p² or entropy −Σ p log₂ p over weighted class frequencies, computed as scikit-learn 1.2 computes
// them (the same formulas in the same order), so ties and near-ties resolve alike. The proxy is −(wR·iR + wL·iL).
internal struct ClassificationCriterion : ISplitCriterion
{
    private static readonly double LogOfTwo = Math.Log(2.0);

    private readonly int[] _codes;
    private readonly bool _entropy;
    private readonly double[] _total;
    private readonly double[] _left;

    public ClassificationCriterion(int[] codes, int classCount, bool entropy)
    {
        _codes = codes;
        _entropy = entropy;
        _total = new double[classCount];
        _left = new double[classCount];
    }

    public readonly int Width => _total.Length;

    public readonly double Summarize(ReadOnlySpan<int> rows, ReadOnlySpan<double> weights, Span<double> totals, out double weight)
    {
        totals.Clear();
        var sum = 0.0;
        foreach (var row in rows)
        {
            var w = weights[row];
            totals[_codes[row]] += w;
            sum += w;
        }
        weight = sum;
        return Impurity(totals, sum);
    }

    public readonly void BeginScan(ReadOnlySpan<double> totals)
    {
        totals.CopyTo(_total);
        Array.Clear(_left);
    }

    public readonly void MoveLeft(int row, double weight) => _left[_codes[row]] += weight;

    public readonly double Proxy(double weightLeft, double weightRight)
    {
        var left = _left.AsSpan();
        var total = _total.AsSpan(0, left.Length);
        if (_entropy)
        {
            var entropyLeft = 0.0;
            var entropyRight = 0.0;
            for (var c = 0; c < left.Length; c++)
            {
                var countLeft = left[c];
                if (countLeft > 0)
                {
                    countLeft /= weightLeft;
                    entropyLeft -= countLeft * (Math.Log(countLeft) / LogOfTwo);
                }
                var countRight = total[c] - left[c];
                if (countRight > 0)
                {
                    countRight /= weightRight;
                    entropyRight -= countRight * (Math.Log(countRight) / LogOfTwo);
                }
            }
            return (-weightRight * entropyRight) - (weightLeft * entropyLeft);
        }
        var squaresLeft = 0.0;
        var squaresRight = 0.0;
        for (var c = 0; c < left.Length; c++)
        {
            var countLeft = left[c];
            var countRight = total[c] - countLeft;
            squaresLeft += countLeft * countLeft;
            squaresRight += countRight * countRight;
        }
        var giniLeft = 1.0 - (squaresLeft / (weightLeft * weightLeft));
        var giniRight = 1.0 - (squaresRight / (weightRight * weightRight));
        return (-weightRight * giniRight) - (weightLeft * giniLeft);
    }

    private readonly double Impurity(ReadOnlySpan<double> counts, double weight)
    {
        if (_entropy)
        {
            var entropy = 0.0;
            foreach (var count in counts)
            {
                if (count > 0)
                {
                    var p = count / weight;
                    entropy -= p * (Math.Log(p) / LogOfTwo);
                }
            }
            return entropy;
        }
        var squares = 0.0;
        foreach (var count in counts)
            squares += count * count;
        return 1.0 - (squares / (weight * weight));
    }
}
