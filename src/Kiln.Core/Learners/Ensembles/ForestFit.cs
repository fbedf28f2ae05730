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

    // The training-curve names (TrainingCurve's convention; the step is the number of trees): the out-of-bag score, and
    // the accuracy or R² on FitContext.Validation, both scores (higher is better).
    public const string OutOfBagCurve = "oob_score";
    public const string ValidationAccuracy = "accuracy";
    public const string ValidationRSquared = "r2";

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
        var grown = ForestTrainer.Grow(settings.NEstimators, context, index => ForestTrainer.GrowSampled(
            index, settings, sampleWeights, drawCount, keepCounts: settings.OobScore, (random, counts, rows, weights) =>
            {
                if (subsample)
                {
                    weights = weights == sampleWeights ? (double[])weights.Clone() : weights;
                    MultiplyBalancedWeights(codes, classCount, counts, weights);
                }
                var growth = limits.Resolve(features.FeatureCount, TreeInputs.Sum(weights.AsSpan(0, rowCount))) with { RandomThresholds = settings.RandomThresholds };
                return TreeBuilder.Classification(features, codes, classCount, entropy, weights, rows, growth, random, context.CancellationToken);
            }));
        var trees = Array.ConvertAll(grown, item => item.Tree);
        var outOfBag = settings.OobScore ? ForestScore.Accuracy(inputSchema, data, codes, classCount) : null;
        var validation = context is { Metrics: not null, Validation: { } rows }
            ? ForestScore.Accuracy(inputSchema, rows, ForestScore.Codes(rows, labels.Classes), classCount)
            : null;
        var oobScore = Score(grown, outOfBag, validation, TrainingCurve.Validation(ValidationAccuracy), context);
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
        var grown = ForestTrainer.Grow(settings.NEstimators, context, index => ForestTrainer.GrowSampled(
            index, settings, sampleWeights, drawCount, keepCounts: settings.OobScore, (random, _, rows, weights) =>
            {
                var growth = limits.Resolve(features.FeatureCount, TreeInputs.Sum(weights.AsSpan(0, rowCount))) with { RandomThresholds = settings.RandomThresholds };
                return TreeBuilder.Regression(features, targets, weights, rows, growth, random, context.CancellationToken);
            }));
        var trees = Array.ConvertAll(grown, item => item.Tree);
        var outOfBag = settings.OobScore ? ForestScore.RSquared(inputSchema, data, targets) : null;
        var validation = context is { Metrics: not null, Validation: { } rows }
            ? ForestScore.RSquared(inputSchema, rows, rows.NumericTarget())
            : null;
        var oobScore = Score(grown, outOfBag, validation, TrainingCurve.Validation(ValidationRSquared), context);
        return (inputSchema, trees, oobScore);
    }

    // Adds the trees in tree order to the out-of-bag and validation scores and, when a metric sink is attached, records
    // after tree k the scores of the forest of trees 1..k (steps 1..n); returns the whole forest's out-of-bag score, or
    // null without one. Recording after the parallel fit, in tree order, keeps the curves independent of the thread count.
    private static double? Score((DecisionTree Tree, int[]? Counts)[] grown, ForestScore? outOfBag, ForestScore? validation, string validationName, FitContext context)
    {
        var record = context.Metrics is not null;
        for (var tree = 0; tree < grown.Length; tree++)
        {
            outOfBag?.Add(grown[tree].Tree, grown[tree].Counts);
            validation?.Add(grown[tree].Tree, counts: null);
            if (!record)
                continue;
            context.CancellationToken.ThrowIfCancellationRequested();
            if (outOfBag is not null)
                context.Record(OutOfBagCurve, tree + 1, outOfBag.Score());
            if (validation is not null)
                context.Record(validationName, tree + 1, validation.Score());
        }
        return outOfBag?.Score();
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
}
