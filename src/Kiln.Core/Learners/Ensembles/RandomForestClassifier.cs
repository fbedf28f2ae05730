using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A random forest of CART classification trees (Breiman, 2001), grown as scikit-learn's <c>RandomForestClassifier</c> grows it.</summary>
/// <remarks>
/// Each tree grows on a bootstrap sample (rows drawn with replacement; a row drawn k times weighs k times its sample
/// weight) with <c>max_features</c> features drawn at each split, and the forest's probabilities are the mean of the
/// trees' leaf class frequencies. Tree i draws its sample and features from <c>Seeds.Derive(Seed, i)</c>, and the trees
/// grow in parallel on features ranked once for all of them, so the forest is the same for any
/// <see cref="FitContext.MaxDegreeOfParallelism"/>. Features must be numeric and finite when fitting; a missing value
/// when predicting follows the heavier child in each tree.
/// </remarks>
public sealed class RandomForestClassifier : IEstimator<RandomForestClassifierModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public RandomForestClassifier(RandomForestClassifierOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 100 Gini trees on bootstrap samples, √features drawn at each split.</summary>
    public RandomForestClassifier()
        : this(new RandomForestClassifierOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public RandomForestClassifierOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public RandomForestClassifierModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "A random forest");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a classifier needs at least one labelled row.", nameof(data));
        var labels = data.ClassLabels();
        var codes = labels.Codes.ToArray();
        var classCount = labels.ClassCount;
        var sampleWeights = TreeInputs.Weights(data);
        if (Options.ClassWeight == RandomForestClassifierOptions.Balanced)
            MultiplyBalancedWeights(codes, classCount, counts: null, sampleWeights);
        var totalWeight = TreeInputs.Sum(sampleWeights);
        if (!(totalWeight > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {totalWeight}; at least one row needs a positive weight.", nameof(data));
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var limits = Limits(Options);
        var entropy = Options.Criterion is RandomForestClassifierOptions.Entropy or RandomForestClassifierOptions.LogLoss;
        var rowCount = data.RowCount;
        var drawCount = ForestTrainer.DrawCount(rowCount, Options.MaxSamples);
        var subsample = Options.ClassWeight == RandomForestClassifierOptions.BalancedSubsample;
        var grown = ForestTrainer.Grow(Options.NEstimators, context, index =>
        {
            var random = new KilnRandom(Seeds.Derive(Options.Seed, index));
            var counts = ForestTrainer.Draw(random, rowCount, drawCount, Options.Bootstrap);
            var (rows, weights) = ForestTrainer.Sample(counts, sampleWeights);
            if (subsample)
            {
                weights = weights == sampleWeights ? (double[])weights.Clone() : weights;
                MultiplyBalancedWeights(codes, classCount, counts, weights);
            }
            var settings = limits.Resolve(features.FeatureCount, TreeInputs.Sum(weights));
            var tree = TreeBuilder.Classification(features, codes, classCount, entropy, weights, rows, settings, random, context.CancellationToken);
            return (Tree: tree, Counts: Options.OobScore ? counts : null);
        });
        var trees = Array.ConvertAll(grown, item => item.Tree);
        double? oobScore = Options.OobScore ? OutOfBagScore(data, inputSchema, codes, grown) : null;
        return new RandomForestClassifierModel(Options, inputSchema, [.. labels.Classes], trees, oobScore);
    }

    internal static void Validate(RandomForestClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Criterion is not (RandomForestClassifierOptions.Gini or RandomForestClassifierOptions.Entropy or RandomForestClassifierOptions.LogLoss))
            throw new ArgumentException($"Criterion '{options.Criterion}' is not one of gini, entropy, log_loss.", nameof(options));
        if (options.ClassWeight is not (null or RandomForestClassifierOptions.Balanced or RandomForestClassifierOptions.BalancedSubsample))
            throw new ArgumentException($"ClassWeight (class_weight) is '{options.ClassWeight}'; use null, 'balanced' or 'balanced_subsample'.", nameof(options));
        ForestTrainer.Validate(options.NEstimators, options.MaxSamples, options.Bootstrap, options.OobScore);
        Limits(options).Validate();
    }

    private static TreeLimits Limits(RandomForestClassifierOptions options) => new(
        options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease);

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
}
