using System.Buffers;
using System.Runtime.ExceptionServices;
using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

// What both random forests share: the bootstrap draw of each tree, growing the trees in parallel, and the checks of the
// forest-level options. Every tree draws from its own KilnRandom(Seeds.Derive(seed, tree)), first its bootstrap sample
// and then its feature draws, so a forest is the same whatever the number of threads.
internal static class ForestTrainer
{
    // The bundle entry holding each tree's node count; the trees' node arrays follow one another in the entries DecisionTree writes.
    public const string NodeCountsName = "node_counts";

    // The out-of-bag score a model stores: one value (NaN when no row was left out by any tree) when asked for, none otherwise.
    public static double? ReadOobScore(Persistence.BundleReader reader, bool asked)
    {
        var values = reader.ReadDoubles("oob_score");
        if (values.Length != (asked ? 1 : 0))
            throw reader.Invalid($"it stores {values.Length} out-of-bag scores, but its options say oob_score is {asked}; expected {(asked ? 1 : 0)}");
        return asked ? values[0] : null;
    }

    public static int[] ReadNodeCounts(Persistence.BundleReader reader, int treeCount)
    {
        var counts = reader.ReadInt32s(NodeCountsName);
        if (counts.Length != treeCount)
            throw reader.Invalid($"it holds {counts.Length} trees, but its options say n_estimators is {treeCount}");
        return counts;
    }

    public static void Validate(int estimatorCount, double? maxSamples, bool bootstrap, bool oobScore)
    {
        if (estimatorCount < 1)
            throw new ArgumentException($"NEstimators (n_estimators) is {estimatorCount}; a forest needs at least 1 tree.");
        if (maxSamples is { } fraction && !(fraction > 0 && fraction <= 1))
            throw new ArgumentException($"MaxSamples (max_samples) is {fraction}; it must be a fraction in (0, 1], or null for as many draws as rows.");
        if (maxSamples is not null && !bootstrap)
            throw new ArgumentException("MaxSamples (max_samples) is set but Bootstrap (bootstrap) is false; max_samples applies only to bootstrap samples.");
        if (oobScore && !bootstrap)
            throw new ArgumentException("OobScore (oob_score) is true but Bootstrap (bootstrap) is false; out-of-bag rows exist only with bootstrap samples.");
    }

    // The number of rows each bootstrap sample draws, as scikit-learn's _get_n_samples_bootstrap: round(n × fraction), at least 1.
    public static int DrawCount(int rowCount, double? maxSamples) =>
        maxSamples is { } fraction ? Math.Max(1, (int)Math.Round(rowCount * fraction, MidpointRounding.ToEven)) : rowCount;

    // How many times each row is drawn (with replacement), or null without bootstrap (every row once). The counts go
    // into `buffer` (at least rowCount long; its first rowCount entries are cleared) when one is given.
    public static int[]? Draw(KilnRandom random, int rowCount, int drawCount, bool bootstrap, int[]? buffer = null)
    {
        if (!bootstrap)
            return null;
        var counts = buffer ?? new int[rowCount];
        Array.Clear(counts, 0, rowCount);
        for (var i = 0; i < drawCount; i++)
            counts[random.NextInt32(rowCount)]++;
        return counts;
    }

    // The tree's rows and weights: the rows drawn at least once, each weighing its sample weight times its draw count.
    // The weights go into `buffer` (at least as long as sampleWeights) when one is given.
    public static (int[] Rows, double[] Weights) Sample(int[]? counts, double[] sampleWeights, double[]? buffer = null)
    {
        if (counts is null)
            return (TreeInputs.AllRows(sampleWeights.Length), sampleWeights);
        var weights = buffer ?? new double[sampleWeights.Length];
        Array.Clear(weights, 0, sampleWeights.Length);
        var rowCount = 0;
        for (var row = 0; row < sampleWeights.Length; row++)
        {
            if (counts[row] > 0)
            {
                weights[row] = sampleWeights[row] * counts[row];
                rowCount++;
            }
        }
        var rows = new int[rowCount];
        rowCount = 0;
        for (var row = 0; row < sampleWeights.Length; row++)
        {
            if (counts[row] > 0)
                rows[rowCount++] = row;
        }
        return (rows, weights);
    }

    // Draws tree `index`'s bootstrap sample from KilnRandom(Seeds.Derive(seed, index)) and grows the tree with
    // grow(random, counts, rows, weights). The per-row draw counts and weights live in pooled buffers for the tree's
    // growth only (a forest grows many trees per thread, and fresh arrays per tree piled up as large-object garbage);
    // the counts are returned with the tree, in an array of their own, only when `keepCounts` (out-of-bag scores).
    public static (DecisionTree Tree, int[]? Counts) GrowSampled(
        int index, ForestSettings settings, double[] sampleWeights, int drawCount, bool keepCounts,
        Func<KilnRandom, int[]?, int[], double[], DecisionTree> grow)
    {
        var rowCount = sampleWeights.Length;
        var random = new KilnRandom(Seeds.Derive(settings.Seed, index));
        var countBuffer = keepCounts || !settings.Bootstrap ? null : ArrayPool<int>.Shared.Rent(rowCount);
        var weightBuffer = settings.Bootstrap ? ArrayPool<double>.Shared.Rent(rowCount) : null;
        try
        {
            var counts = Draw(random, rowCount, drawCount, settings.Bootstrap, countBuffer);
            var (rows, weights) = Sample(counts, sampleWeights, weightBuffer);
            var tree = grow(random, counts, rows, weights);
            return (tree, keepCounts ? counts : null);
        }
        finally
        {
            if (countBuffer is not null)
                ArrayPool<int>.Shared.Return(countBuffer);
            if (weightBuffer is not null)
                ArrayPool<double>.Shared.Return(weightBuffer);
        }
    }

    // Grows `count` trees on up to MaxDegreeOfParallelism threads, reporting each finished tree; cancellation stops
    // the trees not yet started. The result is indexed by tree, so it does not depend on which thread grew which tree.
    public static T[] Grow<T>(int count, FitContext context, Func<int, T> growTree)
    {
        var trees = new T[count];
        var finished = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, context.MaxDegreeOfParallelism),
            CancellationToken = context.CancellationToken,
        };
        try
        {
            Parallel.For(0, count, parallel, tree =>
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                trees[tree] = growTree(tree);
                context.Report("tree", Interlocked.Increment(ref finished), count);
            });
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count > 0)
        {
            // A tree's own error (a bad max_features, a sample without weight, a cancellation) surfaces as itself.
            ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }
        return trees;
    }

    // The mean over trees of each tree's normalised impurity importances, summed in tree order (scikit-learn's feature_importances_).
    public static double[] MeanImportances(IReadOnlyList<DecisionTree> trees, int featureCount)
    {
        var sums = new double[featureCount];
        var contributing = 0;
        foreach (var tree in trees)
        {
            if (tree.NodeCount == 1)
                continue;
            contributing++;
            var importances = tree.FeatureImportances();
            for (var j = 0; j < featureCount; j++)
                sums[j] += importances[j];
        }
        if (contributing == 0)
            return sums;
        var total = 0.0;
        for (var j = 0; j < featureCount; j++)
        {
            sums[j] /= contributing;
            total += sums[j];
        }
        for (var j = 0; j < featureCount; j++)
            sums[j] /= total;
        return sums;
    }
}
