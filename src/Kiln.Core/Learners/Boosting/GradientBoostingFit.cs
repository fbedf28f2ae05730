using System.Runtime.ExceptionServices;
using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Boosting;

// Gradient boosting (Friedman, 2001) as scikit-learn 1.2's BaseGradientBoosting fits it: from the loss's prior, each
// stage fits one regression tree per score to the negative gradient at the previous stage's scores (on a subsample of
// the rows when subsample < 1), replaces each leaf's value by the loss's terminal-region estimate from the leaf's
// in-bag rows, and adds learning_rate × the leaf value to every row's score. The features are ranked once and every
// tree grows on those ranks. Early stopping keeps a ring of the last n_iter_no_change validation losses and stops after
// the first stage whose loss is not below one of them by tol; that stage is kept, as scikit-learn keeps it.
internal static class GradientBoostingFit
{
    public const string FriedmanMse = "friedman_mse";
    public const string SquaredError = "squared_error";

    // Seed streams: the early-stopping hold-out, the row subsamples, then one per tree (stage × trees per stage + k).
    private const int HoldoutStream = 0;
    private const int SubsampleStream = 1;
    private const int FirstTreeStream = 2;

    public static void Validate(BoostingSettings settings, IReadOnlyCollection<string> losses)
    {
        if (!losses.Contains(settings.Loss))
            throw new ArgumentException($"Loss (loss) is '{settings.Loss}'; use one of {string.Join(", ", losses)}.", nameof(settings));
        if (!(settings.LearningRate >= 0) || double.IsInfinity(settings.LearningRate))
            throw new ArgumentException($"LearningRate (learning_rate) is {settings.LearningRate}; it must be a finite number of at least 0.", nameof(settings));
        if (settings.NEstimators < 1)
            throw new ArgumentException($"NEstimators (n_estimators) is {settings.NEstimators}; boosting needs at least 1 stage.", nameof(settings));
        if (!(settings.Subsample > 0 && settings.Subsample <= 1))
            throw new ArgumentException($"Subsample (subsample) is {settings.Subsample}; it must be in (0, 1].", nameof(settings));
        if (settings.Criterion is not (FriedmanMse or SquaredError))
            throw new ArgumentException($"Criterion (criterion) is '{settings.Criterion}'; use {FriedmanMse} or {SquaredError}.", nameof(settings));
        if (!(settings.Alpha > 0 && settings.Alpha < 1))
            throw new ArgumentException($"Alpha (alpha) is {settings.Alpha}; it must be in (0, 1).", nameof(settings));
        if (!(settings.ValidationFraction > 0 && settings.ValidationFraction < 1))
            throw new ArgumentException($"ValidationFraction (validation_fraction) is {settings.ValidationFraction}; it must be in (0, 1).", nameof(settings));
        if (settings.NIterNoChange is < 1)
            throw new ArgumentException($"NIterNoChange (n_iter_no_change) is {settings.NIterNoChange}; it must be at least 1, or null for no early stopping.", nameof(settings));
        if (!(settings.Tol >= 0) || double.IsInfinity(settings.Tol))
            throw new ArgumentException($"Tol (tol) is {settings.Tol}; it must be a finite number of at least 0.", nameof(settings));
        settings.Limits.Validate();
    }

    public static BoostedEnsemble Regression(TrainingSet data, FitContext context, BoostingSettings settings)
    {
        var inputSchema = CheckInputs(data, context);
        var split = Split(data, context, settings, stratify: false);
        var targets = split.Fit.NumericTarget();
        var validationTargets = split.Validation?.NumericTarget();
        BoostingLoss loss = settings.Loss switch
        {
            GradientBoostingRegressorOptions.AbsoluteError => new AbsoluteErrorLoss(),
            GradientBoostingRegressorOptions.Huber => new HuberLoss(settings.Alpha),
            GradientBoostingRegressorOptions.Quantile => new QuantileLoss(settings.Alpha),
            _ => new SquaredErrorLoss(),
        };
        return Boost(inputSchema, split, targets, validationTargets, loss, settings, context);
    }

    public static (string[] Classes, BoostedEnsemble Ensemble) Classification(TrainingSet data, FitContext context, BoostingSettings settings)
    {
        var inputSchema = CheckInputs(data, context);
        var labels = data.ClassLabels();
        string[] classes = [.. labels.Classes];
        if (classes.Length < 2)
        {
            throw new ArgumentException(
                $"The target '{data.Target!.Name}' has one class ('{classes[0]}'); a gradient-boosting classifier needs at least two. Check the target column and the rows selected.",
                nameof(data));
        }
        var split = Split(data, context, settings, stratify: true);
        var index = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (var c = 0; c < classes.Length; c++)
            index.Add(classes[c], c);
        var targets = Codes(split.Fit, index, "training", requireAll: true);
        var validationTargets = split.Validation is { } validation ? Codes(validation, index, "validation", requireAll: false) : null;
        BoostingLoss loss = classes.Length == 2 ? new BinomialLoss() : new MultinomialLoss(classes.Length);
        return (classes, Boost(inputSchema, split, targets, validationTargets, loss, settings, context));
    }

    private static Schema CheckInputs(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "Gradient boosting");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; gradient boosting needs at least one row with a target.", nameof(data));
        return inputSchema;
    }

    // Early stopping uses EarlyStoppingSplit (the context's validation set, else validation_fraction held out); without
    // it every row is fitted and a validation set in the context only draws the validation curve.
    private static EarlyStoppingSplit Split(TrainingSet data, FitContext context, BoostingSettings settings, bool stratify) =>
        settings.NIterNoChange is null
            ? new EarlyStoppingSplit(data, context.Validation, IsHeldOut: false)
            : EarlyStoppingSplit.Resolve(data, context, settings.ValidationFraction, Seeds.Derive(settings.Seed, HoldoutStream), stratify);

    // The class codes (as numbers) of a part's rows in the full training set's class list.
    private static double[] Codes(TrainingSet part, Dictionary<string, int> index, string what, bool requireAll)
    {
        var labels = part.ClassLabels();
        var seen = new bool[index.Count];
        var map = new int[labels.ClassCount];
        for (var c = 0; c < map.Length; c++)
        {
            if (!index.TryGetValue(labels.Classes[c], out map[c]))
            {
                throw new SchemaMismatchException(
                    $"The {what} rows have class '{labels.Classes[c]}', which the training rows do not have (they have {string.Join(", ", index.Keys)}). Validate on rows of the training classes.");
            }
            seen[map[c]] = true;
        }
        if (requireAll && Array.IndexOf(seen, false) is var missing and >= 0)
        {
            throw new ArgumentException(
                $"After holding out the early-stopping rows, the rows left to fit have no row of class '{index.First(pair => pair.Value == missing).Key}'. " +
                "Use a smaller validation_fraction, more rows of that class, or another seed.");
        }
        var codes = labels.Codes;
        var targets = new double[codes.Length];
        for (var i = 0; i < targets.Length; i++)
            targets[i] = map[codes[i]];
        return targets;
    }

    private static BoostedEnsemble Boost(
        Schema inputSchema, EarlyStoppingSplit split, double[] targets, double[]? validationTargets, BoostingLoss loss, BoostingSettings settings, FitContext context)
    {
        var cancellationToken = context.CancellationToken;
        var fit = split.Fit;
        var features = RankedFeatures.Create(fit, context.MaxDegreeOfParallelism, cancellationToken);
        var rowCount = fit.RowCount;
        var givenWeights = fit.SampleWeights();
        var weights = givenWeights ?? TreeInputs.Weights(fit);
        var totalWeight = TreeInputs.Sum(weights);
        if (!(totalWeight > 0))
            throw new ArgumentException($"The sample weights of the {rowCount} rows to fit sum to {totalWeight}; at least one row needs a positive weight.", nameof(split));
        var perStage = loss.TreesPerStage;
        var prior = new double[perStage];
        loss.Prior(targets, givenWeights, prior);
        var raw = new double[rowCount * perStage];
        for (var row = 0; row < rowCount; row++)
            prior.CopyTo(raw.AsSpan(row * perStage, perStage));
        var validation = split.Validation is { } validationSet
            ? ValidationState.Create(validationSet, validationTargets!, inputSchema, prior)
            : null;

        var subsampled = settings.Subsample < 1;
        var inBagCount = Math.Max(1, (int)(settings.Subsample * rowCount));
        var sampler = new KilnRandom(Seeds.Derive(settings.Seed, SubsampleStream));
        var allRows = TreeInputs.AllRows(rowCount);
        var before = new double[raw.Length];
        var residuals = new double[perStage][];
        for (var k = 0; k < perStage; k++)
            residuals[k] = new double[rowCount];
        var trees = new List<DecisionTree>();
        var trainLoss = new List<double>();
        var history = new double[settings.NIterNoChange ?? 0];
        history.AsSpan().Fill(double.PositiveInfinity);
        var stoppedEarly = false;
        for (var stage = 0; stage < settings.NEstimators; stage++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (inBag, outOfBag) = subsampled ? Subsample(sampler, rowCount, inBagCount) : (allRows, Array.Empty<int>());
            var treeWeights = subsampled ? Masked(weights, inBag) : weights;
            var hasOutOfBag = outOfBag.Length > 0;
            var outOfBagBefore = hasOutOfBag ? loss.Evaluate(outOfBag, targets, raw, weights) : 0;
            raw.CopyTo(before, 0);
            var growth = Growth(settings, features.FeatureCount, TreeInputs.Sum(treeWeights));
            var stageTrees = new DecisionTree[perStage];
            ForEachTree(perStage, context, k =>
            {
                loss.NegativeGradient(k, targets, before, weights, residuals[k]);
                var random = new KilnRandom(Seeds.Derive(settings.Seed, FirstTreeStream + (stage * perStage) + k));
                var tree = GrowTree(settings.Criterion, features, residuals[k], treeWeights, inBag, growth, random, cancellationToken);
                var leaves = Leaves(tree, features, rowCount);
                if (!loss.KeepsTreeValues)
                    tree = TerminalRegions.Update(tree, leaves, inBag, k, loss, targets, before, residuals[k], weights);
                for (var row = 0; row < rowCount; row++)
                    raw[(row * perStage) + k] += settings.LearningRate * tree.Value(leaves[row])[0];
                stageTrees[k] = tree;
            });
            trees.AddRange(stageTrees);
            var step = stage + 1;
            var stageLoss = loss.Evaluate(inBag, targets, raw, weights);
            trainLoss.Add(stageLoss * loss.CurveScale);
            context.Record(TrainingCurve.Train("loss"), step, stageLoss * loss.CurveScale);
            if (hasOutOfBag)
                context.Record("oob_improvement", step, (outOfBagBefore - loss.Evaluate(outOfBag, targets, raw, weights)) * loss.CurveScale);
            context.Report("stage", step, settings.NEstimators);
            if (validation is null)
                continue;
            var validationLoss = validation.Add(stageTrees, settings.LearningRate, loss);
            context.Record(TrainingCurve.Validation("loss"), step, validationLoss * loss.CurveScale);
            if (history.Length == 0)
                continue;
            if (Array.Exists(history, earlier => validationLoss + settings.Tol < earlier))
            {
                history[stage % history.Length] = validationLoss;
                continue;
            }
            stoppedEarly = step < settings.NEstimators;
            break;
        }
        if (stoppedEarly)
            TrainingCurve.RecordBestStep(context, trees.Count / perStage);
        return new BoostedEnsemble(inputSchema, [.. trees], prior, settings.LearningRate, [.. trainLoss]);
    }

    // The tree settings of one stage. scikit-learn's friedman_mse improvement is the squared-error improvement times the
    // tree's total weight (see FriedmanMseCriterion), so min_impurity_decrease is divided by that weight for the grower.
    private static TreeGrowthSettings Growth(BoostingSettings settings, int featureCount, double treeWeight)
    {
        var growth = settings.Limits.Resolve(featureCount, treeWeight);
        return settings.Criterion == FriedmanMse ? growth with { MinImpurityDecrease = settings.Limits.MinImpurityDecrease / treeWeight } : growth;
    }

    private static DecisionTree GrowTree(
        string criterion, RankedFeatures features, double[] residuals, double[] weights, int[] rows, TreeGrowthSettings growth, KilnRandom random, CancellationToken cancellationToken) =>
        criterion == FriedmanMse
            ? new TreeGrower<FriedmanMseCriterion>(features, new FriedmanMseCriterion(residuals), weights, rows, growth, random, cancellationToken).Grow().ToTree(features.FeatureCount, classification: false)
            : new TreeGrower<SquaredErrorCriterion>(features, new SquaredErrorCriterion(residuals), weights, rows, growth, random, cancellationToken).Grow().ToTree(features.FeatureCount, classification: false);

    // The K trees of a multiclass stage are independent given the scores before the stage, so they grow in parallel;
    // each writes only its own score column, so the result does not depend on the thread count.
    private static void ForEachTree(int count, FitContext context, Action<int> growTree)
    {
        if (count == 1 || context.MaxDegreeOfParallelism <= 1)
        {
            for (var k = 0; k < count; k++)
                growTree(k);
            return;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = context.CancellationToken };
        try
        {
            Parallel.For(0, count, options, growTree);
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }
    }

    // scikit-learn's _random_sample_mask: exactly max(1, ⌊subsample · n⌋) rows drawn without replacement (a partial
    // Fisher–Yates shuffle here), returned with the rest, both in ascending order.
    private static (int[] InBag, int[] OutOfBag) Subsample(KilnRandom random, int rowCount, int inBagCount)
    {
        var order = TreeInputs.AllRows(rowCount);
        for (var i = 0; i < inBagCount; i++)
        {
            var j = random.NextInt32(i, rowCount);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var inBag = order[..inBagCount];
        var outOfBag = order[inBagCount..];
        Array.Sort(inBag);
        Array.Sort(outOfBag);
        return (inBag, outOfBag);
    }

    private static double[] Masked(double[] weights, int[] inBag)
    {
        var masked = new double[weights.Length];
        foreach (var row in inBag)
            masked[row] = weights[row];
        return masked;
    }

    // The leaf of every fit row, read through the ranks (the ranked value is the row's own value).
    private static int[] Leaves(DecisionTree tree, RankedFeatures features, int rowCount)
    {
        var leaves = new int[rowCount];
        var ranks = features.Ranks;
        var distinct = features.DistinctValues;
        for (var row = 0; row < rowCount; row++)
        {
            var node = 0;
            while (!tree.IsLeaf(node))
            {
                var feature = tree.Feature(node);
                node = distinct[feature][ranks[feature][row]] <= tree.Threshold(node) ? tree.LeftChild(node) : tree.RightChild(node);
            }
            leaves[row] = node;
        }
        return leaves;
    }

    // The early-stopping rows: their features (finite, checked with the column's name), targets, weights and scores,
    // which each stage's trees advance as scikit-learn's staged predictions do.
    private sealed class ValidationState
    {
        private readonly double[][] _columns;
        private readonly int[] _rows;
        private readonly double[] _targets;
        private readonly double[] _weights;
        private readonly double[] _raw;
        private readonly int[] _allRows;

        private ValidationState(double[][] columns, int[] rows, double[] targets, double[] weights, double[] raw)
        {
            _columns = columns;
            _rows = rows;
            _targets = targets;
            _weights = weights;
            _raw = raw;
            _allRows = TreeInputs.AllRows(rows.Length);
        }

        public static ValidationState Create(TrainingSet validation, double[] targets, Schema inputSchema, double[] prior)
        {
            var columns = TreeInputs.Columns(inputSchema, validation.Features);
            var rows = validation.RowIndices.ToArray();
            for (var j = 0; j < columns.Length; j++)
            {
                foreach (var row in rows)
                {
                    if (!double.IsFinite(columns[j][row]))
                    {
                        throw new SchemaMismatchException(
                            $"Feature '{inputSchema[j].Name}' is {columns[j][row]} in validation row {row}; gradient boosting needs a finite value in every feature of the early-stopping rows too. " +
                            "Impute missing values and replace infinite ones before fitting.");
                    }
                }
            }
            var weights = validation.SampleWeights() ?? TreeInputs.Weights(validation);
            if (!(TreeInputs.Sum(weights) > 0))
                throw new ArgumentException($"The sample weights of the {rows.Length} validation rows sum to 0; at least one needs a positive weight.", nameof(validation));
            var raw = new double[rows.Length * prior.Length];
            for (var i = 0; i < rows.Length; i++)
                prior.CopyTo(raw.AsSpan(i * prior.Length, prior.Length));
            return new ValidationState(columns, rows, targets, weights, raw);
        }

        // Adds one stage's trees to the scores and returns the loss on scikit-learn's scale.
        public double Add(DecisionTree[] stageTrees, double learningRate, BoostingLoss loss)
        {
            var perStage = stageTrees.Length;
            for (var i = 0; i < _rows.Length; i++)
            {
                for (var k = 0; k < perStage; k++)
                {
                    var tree = stageTrees[k];
                    _raw[(i * perStage) + k] += learningRate * tree.Value(tree.FindLeaf(_columns, _rows[i]))[0];
                }
            }
            return loss.Evaluate(_allRows, _targets, _raw, _weights);
        }
    }
}
