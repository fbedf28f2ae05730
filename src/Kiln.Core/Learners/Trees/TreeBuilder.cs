namespace Kiln.Core.Learners.Trees;

// Entry points for growing one tree on ranked features; estimators and, later, ensembles call these. `rows` index
// the rows of `data`, and `codes` / `targets` / `weights` are indexed by the same row numbers.
//
// An ensemble ranks its training set once (RankedFeatures.Create) and shares it, read-only, across trees and threads;
// each tree passes its own rows (a bootstrap sample's distinct rows, or all), its own weights (sample weight × draw
// count, or AdaBoost's), its own targets (gradients for boosting) and its own KilnRandom(Seeds.Derive(seed, tree)).
// Each call allocates only that tree's buffers (about 24 bytes per row) and its node arrays.
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
