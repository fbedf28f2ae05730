namespace Kiln.Core.Learners.Trees;

// Entry points for growing one tree on ranked features; estimators and, later, ensembles call these. `rows` index
// the rows of `data`, and `codes` / `targets` / `weights` are indexed by the same row numbers.
internal static class TreeBuilder
{
    public static DecisionTree Classification(
        RankedFeatures data, int[] codes, int classCount, bool entropy, double[] weights, ReadOnlySpan<int> rows,
        TreeGrowthSettings settings, KilnRandom random, CancellationToken cancellationToken)
    {
        var criterion = new ClassificationCriterion(codes, classCount, entropy);
        var grown = new TreeGrower<ClassificationCriterion>(data, criterion, weights, rows, settings, random, cancellationToken).Grow();
        return grown.ToTree(data.FeatureCount, classification: true);
    }

    public static DecisionTree Regression(
        RankedFeatures data, double[] targets, double[] weights, ReadOnlySpan<int> rows,
        TreeGrowthSettings settings, KilnRandom random, CancellationToken cancellationToken)
    {
        var criterion = new SquaredErrorCriterion(targets);
        var grown = new TreeGrower<SquaredErrorCriterion>(data, criterion, weights, rows, settings, random, cancellationToken).Grow();
        return grown.ToTree(data.FeatureCount, classification: false);
    }
}
