using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Boosting;

// Friedman's (2001, eq. 35) improvement score for least-squares trees, scikit-learn's "friedman_mse" criterion and its
// gradient-boosting default. A node's impurity is the weighted variance, as with squared error; a boundary scores
// (wR·sL − wL·sR)² / (wL·wR), with s the weighted target sums and w the weights of each side. That is W·wL·wR/W·(mL − mR)²,
// a constant multiple (per node) of the squared-error proxy minus its constant, so both pick the same split up to rounding.
// The grower's impurity improvement stays the squared-error one, which is scikit-learn's friedman_mse improvement divided
// by the tree's total weight; the estimator divides min_impurity_decrease by that weight to compare on scikit-learn's scale.
internal struct FriedmanMseCriterion : ISplitCriterion
{
    private readonly double[] _targets;
    private double _sumTotal;
    private double _sumLeft;

    public FriedmanMseCriterion(double[] targets)
    {
        _targets = targets;
    }

    public readonly int Width => 1;

    public readonly double Summarize(ReadOnlySpan<int> rows, ReadOnlySpan<double> weights, Span<double> totals, out double weight) =>
        new SquaredErrorCriterion(_targets).Summarize(rows, weights, totals, out weight);

    public void BeginScan(ReadOnlySpan<double> totals)
    {
        _sumTotal = totals[0];
        _sumLeft = 0;
    }

    public void MoveLeft(int row, double weight) => _sumLeft += weight * _targets[row];

    public readonly double Proxy(double weightLeft, double weightRight)
    {
        var sumRight = _sumTotal - _sumLeft;
        var difference = (weightRight * _sumLeft) - (weightLeft * sumRight);
        return difference * difference / (weightLeft * weightRight);
    }
}
