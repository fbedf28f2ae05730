using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A random forest of CART regression trees (Breiman, 2001), grown as scikit-learn's <c>RandomForestRegressor</c> grows it.</summary>
/// <remarks>
/// Each tree grows on a bootstrap sample (rows drawn with replacement; a row drawn k times weighs k times its sample
/// weight) with <c>max_features</c> features drawn at each split, and the forest predicts the mean of the trees'
/// predictions. Tree i draws its sample and features from <c>Seeds.Derive(Seed, i)</c>, and the trees grow in parallel
/// on features ranked once for all of them, so the forest is the same for any <see cref="FitContext.MaxDegreeOfParallelism"/>.
/// Features must be numeric and finite when fitting; a missing value when predicting follows the heavier child in each tree.
/// </remarks>
public sealed class RandomForestRegressor : IEstimator<RandomForestRegressorModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public RandomForestRegressor(RandomForestRegressorOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 100 trees on bootstrap samples, every feature at each split.</summary>
    public RandomForestRegressor()
        : this(new RandomForestRegressorOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public RandomForestRegressorOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing or infinite, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or <c>max_features</c> asks for more features than there are.</exception>
    public RandomForestRegressorModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "A random forest");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a regressor needs at least one row with a target.", nameof(data));
        var targets = data.NumericTarget();
        var sampleWeights = TreeInputs.Weights(data);
        var totalWeight = TreeInputs.Sum(sampleWeights);
        if (!(totalWeight > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {totalWeight}; at least one row needs a positive weight.", nameof(data));
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var limits = Limits(Options);
        var rowCount = data.RowCount;
        var drawCount = ForestTrainer.DrawCount(rowCount, Options.MaxSamples);
        var grown = ForestTrainer.Grow(Options.NEstimators, context, index =>
        {
            var random = new KilnRandom(Seeds.Derive(Options.Seed, index));
            var counts = ForestTrainer.Draw(random, rowCount, drawCount, Options.Bootstrap);
            var (rows, weights) = ForestTrainer.Sample(counts, sampleWeights);
            var settings = limits.Resolve(features.FeatureCount, TreeInputs.Sum(weights));
            var tree = TreeBuilder.Regression(features, targets, weights, rows, settings, random, context.CancellationToken);
            return (Tree: tree, Counts: Options.OobScore ? counts : null);
        });
        var trees = Array.ConvertAll(grown, item => item.Tree);
        double? oobScore = Options.OobScore ? OutOfBagScore(data, inputSchema, targets, grown) : null;
        return new RandomForestRegressorModel(Options, inputSchema, trees, oobScore);
    }

    internal static void Validate(RandomForestRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Criterion is not RandomForestRegressorOptions.SquaredError)
            throw new ArgumentException($"Criterion '{options.Criterion}' is not one of squared_error.", nameof(options));
        ForestTrainer.Validate(options.NEstimators, options.MaxSamples, options.Bootstrap, options.OobScore);
        Limits(options).Validate();
    }

    private static TreeLimits Limits(RandomForestRegressorOptions options) => new(
        options.MaxDepth, options.MinSamplesSplit, options.MinSamplesLeaf, options.MinWeightFractionLeaf, options.MaxFeatures, options.MaxLeafNodes, options.MinImpurityDecrease);

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
