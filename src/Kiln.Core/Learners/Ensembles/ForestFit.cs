using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

// How every forest is fitted (random forest and extra trees differ only in RandomThresholds and their defaults): the
// estimators turn their options into ForestSettings and hand them here, so the growing, weighting and out-of-bag code
// exists once per task.
internal static class ForestFit
{
    public const string Gini = "gini";
    public const string Entropy = "entropy";
    public const string LogLoss = "log_loss";
    public const string SquaredError = "squared_error";
    public const string Balanced = "balanced";
    public const string BalancedSubsample = "balanced_subsample";

    public static void ValidateClassifier(ForestSettings settings)
    {
        if (settings.Criterion is not (Gini or Entropy or LogLoss))
            throw new ArgumentException($"Criterion '{settings.Criterion}' is not one of gini, entropy, log_loss.", nameof(settings));
        if (settings.ClassWeight is not (null or Balanced or BalancedSubsample))
            throw new ArgumentException($"ClassWeight (class_weight) is '{settings.ClassWeight}'; use null, 'balanced' or 'balanced_subsample'.", nameof(settings));
        ValidateCommon(settings);
    }

    public static void ValidateRegressor(ForestSettings settings)
    {
        if (settings.Criterion is not SquaredError)
            throw new ArgumentException($"Criterion '{settings.Criterion}' is not one of squared_error.", nameof(settings));
        ValidateCommon(settings);
    }

    public static (Schema InputSchema, string[] Classes, DecisionTree[] Trees, double? OobScore) Classification(
        TrainingSet data, FitContext context, ForestSettings settings, string learner)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, learner);
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a classifier needs at least one labelled row.", nameof(data));
        var labels = data.ClassLabels();
        var codes = labels.Codes.ToArray();
        var classCount = labels.ClassCount;
        var sampleWeights = TreeInputs.Weights(data);
        if (settings.ClassWeight == Balanced)
            MultiplyBalancedWeights(codes, classCount, counts: null, sampleWeights);
        var totalWeight = TreeInputs.Sum(sampleWeights);
        if (!(totalWeight > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {totalWeight}; at least one row needs a positive weight.", nameof(data));
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var limits = settings.Limits;
        var entropy = settings.Criterion is Entropy or LogLoss;
        var rowCount = data.RowCount;
        var drawCount = ForestTrainer.DrawCount(rowCount, settings.MaxSamples);
        var subsample = settings.ClassWeight == BalancedSubsample;
        var grown = ForestTrainer.Grow(settings.NEstimators, context, index =>
        {
            var random = new KilnRandom(Seeds.Derive(settings.Seed, index));
            var counts = ForestTrainer.Draw(random, rowCount, drawCount, settings.Bootstrap);
            var (rows, weights) = ForestTrainer.Sample(counts, sampleWeights);
            if (subsample)
            {
                weights = weights == sampleWeights ? (double[])weights.Clone() : weights;
                MultiplyBalancedWeights(codes, classCount, counts, weights);
            }
            var growth = limits.Resolve(features.FeatureCount, TreeInputs.Sum(weights)) with { RandomThresholds = settings.RandomThresholds };
            var tree = TreeBuilder.Classification(features, codes, classCount, entropy, weights, rows, growth, random, context.CancellationToken);
            return (Tree: tree, Counts: settings.OobScore ? counts : null);
        });
        var trees = Array.ConvertAll(grown, item => item.Tree);
        double? oobScore = settings.OobScore ? OutOfBagScore(data, inputSchema, codes, grown) : null;
        return (inputSchema, [.. labels.Classes], trees, oobScore);
    }

    public static (Schema InputSchema, DecisionTree[] Trees, double? OobScore) Regression(
        TrainingSet data, FitContext context, ForestSettings settings, string learner)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, learner);
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a regressor needs at least one row with a target.", nameof(data));
        var targets = data.NumericTarget();
        var sampleWeights = TreeInputs.Weights(data);
        var totalWeight = TreeInputs.Sum(sampleWeights);
        if (!(totalWeight > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {totalWeight}; at least one row needs a positive weight.", nameof(data));
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var limits = settings.Limits;
        var rowCount = data.RowCount;
        var drawCount = ForestTrainer.DrawCount(rowCount, settings.MaxSamples);
        var grown = ForestTrainer.Grow(settings.NEstimators, context, index =>
        {
            var random = new KilnRandom(Seeds.Derive(settings.Seed, index));
            var counts = ForestTrainer.Draw(random, rowCount, drawCount, settings.Bootstrap);
            var (rows, weights) = ForestTrainer.Sample(counts, sampleWeights);
            var growth = limits.Resolve(features.FeatureCount, TreeInputs.Sum(weights)) with { RandomThresholds = settings.RandomThresholds };
            var tree = TreeBuilder.Regression(features, targets, weights, rows, growth, random, context.CancellationToken);
            return (Tree: tree, Counts: settings.OobScore ? counts : null);
        });
        var trees = Array.ConvertAll(grown, item => item.Tree);
        double? oobScore = settings.OobScore ? OutOfBagScore(data, inputSchema, targets, grown) : null;
        return (inputSchema, trees, oobScore);
    }

    private static void ValidateCommon(ForestSettings settings)
    {
        ForestTrainer.Validate(settings.NEstimators, settings.MaxSamples, settings.Bootstrap, settings.OobScore);
        settings.Limits.Validate();
    }

    // scikit-learn's compute_sample_weight("balanced", y, indices): class c weighs m / (k · m_c), where m_c counts the
    // rows of class c (each as often as it was drawn, when `counts` is given), m their total and k the classes present.
    private static void MultiplyBalancedWeights(ReadOnlySpan<int> codes, int classCount, int[]? counts, Span<double> weights)
    {
        var classCounts = new long[classCount];
        for (var i = 0; i < codes.Length; i++)
            classCounts[codes[i]] += counts?[i] ?? 1;
        var total = 0L;
        var present = 0;
        foreach (var count in classCounts)
        {
            total += count;
            if (count > 0)
                present++;
        }
        var classWeights = new double[classCount];
        for (var c = 0; c < classCount; c++)
            classWeights[c] = classCounts[c] > 0 ? total / ((double)present * classCounts[c]) : 0;
        for (var i = 0; i < codes.Length; i++)
            weights[i] *= classWeights[codes[i]];
    }

    // The accuracy of each row's most probable class by the mean probabilities of the trees that did not draw it, over
    // the rows some tree left out (scikit-learn's oob_score_, unweighted). NaN when every row was drawn by every tree.
    private static double OutOfBagScore(TrainingSet data, Data.Schema inputSchema, int[] codes, (DecisionTree Tree, int[]? Counts)[] grown)
    {
        var sums = ForestTrainer.OutOfBagSums(data, inputSchema, grown, out var votes);
        var width = grown[0].Tree.ValueWidth;
        var correct = 0;
        var scored = 0;
        for (var row = 0; row < codes.Length; row++)
        {
            if (votes[row] == 0)
                continue;
            scored++;
            var probabilities = sums.AsSpan(row * width, width);
            var best = 0;
            for (var c = 1; c < width; c++)
            {
                if (probabilities[c] > probabilities[best])
                    best = c;
            }
            if (best == codes[row])
                correct++;
        }
        return scored == 0 ? double.NaN : correct / (double)scored;
    }

    // The R² of each row's mean prediction over the trees that did not draw it, over the rows some tree left out
    // (scikit-learn's oob_score_, unweighted). NaN when every row was drawn by every tree.
    private static double OutOfBagScore(TrainingSet data, Data.Schema inputSchema, double[] targets, (DecisionTree Tree, int[]? Counts)[] grown)
    {
        var sums = ForestTrainer.OutOfBagSums(data, inputSchema, grown, out var votes);
        var mean = 0.0;
        var scored = 0;
        for (var row = 0; row < targets.Length; row++)
        {
            if (votes[row] > 0)
            {
                mean += targets[row];
                scored++;
            }
        }
        if (scored == 0)
            return double.NaN;
        mean /= scored;
        var residual = 0.0;
        var total = 0.0;
        for (var row = 0; row < targets.Length; row++)
        {
            if (votes[row] == 0)
                continue;
            var error = targets[row] - (sums[row] / votes[row]);
            residual += error * error;
            total += (targets[row] - mean) * (targets[row] - mean);
        }
        return total > 0 ? 1 - (residual / total) : residual == 0 ? 1.0 : 0.0;
    }
}
