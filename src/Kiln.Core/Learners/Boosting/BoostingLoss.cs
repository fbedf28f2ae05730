namespace Kiln.Core.Learners.Boosting;

// One loss of scikit-learn 1.2's gradient boosting (sklearn/ensemble/_gb_losses.py): the prior it starts from, the
// negative gradient each stage's trees fit, the value each leaf then takes, and the loss itself. Raw predictions are
// row-major, TreesPerStage values per row; targets are the regression target or the class code. A loss object belongs to
// one fit (Huber keeps the threshold of the current stage).
internal abstract class BoostingLoss
{
    // 1 for regression and two classes, the class count otherwise.
    public virtual int TreesPerStage => 1;

    // Whether leaves keep the tree's own value (the mean residual) rather than a loss-specific one.
    public virtual bool KeepsTreeValues => false;

    // What the loss curve records per unit of Evaluate's value (binomial deviance is twice the log loss).
    public virtual double CurveScale => 1.0;

    // The prior raw prediction (scikit-learn's init=None estimator). `weights` is null when the data had no sample weights:
    // scikit-learn then fits its prior unweighted, which for a quantile is NumPy's interpolated percentile.
    public abstract void Prior(ReadOnlySpan<double> targets, double[]? weights, Span<double> raw);

    // The negative gradient of tree `k` of the stage at the raw predictions before the stage, for every row.
    public abstract void NegativeGradient(int k, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, Span<double> residuals);

    // The value of a leaf of tree `k` from its in-bag rows (ascending), given the raw predictions before the stage.
    public abstract double LeafValue(int k, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights);

    // The weighted loss over `rows`, on scikit-learn's scale (what its train_score_ holds and its early stopping compares).
    public abstract double Evaluate(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights);

    // Weighted sums in ascending row order, as scikit-learn's sums over np.where(leaf) rows.
    protected static double WeightSum(ReadOnlySpan<int> rows, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var row in rows)
            sum += weights[row];
        return sum;
    }

    // scikit-learn's _weighted_percentile of y − raw at `rows` (the lower weighted percentile; see TargetStatistics).
    protected static double ResidualPercentile(ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, ReadOnlySpan<double> raw, ReadOnlySpan<double> weights, double percent)
    {
        var values = new double[rows.Length];
        var rowWeights = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = targets[rows[i]] - raw[rows[i]];
            rowWeights[i] = weights[rows[i]];
        }
        return Baseline.TargetStatistics.WeightedPercentile(values, rowWeights, percent);
    }

    // The prior of the median and quantile losses: scikit-learn's DummyRegressor(strategy="quantile"), which is NumPy's
    // interpolated percentile when fitted without weights and the lower weighted percentile with them.
    protected static double TargetPercentile(ReadOnlySpan<double> targets, double[]? weights, double percent) =>
        weights is null
            ? Baseline.TargetStatistics.Percentile(targets, percent)
            : Baseline.TargetStatistics.WeightedPercentile(targets, weights, percent);
}
