using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>AdaBoost.R2 on CART regression trees (Drucker, 1997, "Improving regressors using boosting techniques"), boosted as scikit-learn 1.2's <c>AdaBoostRegressor</c> boosts them.</summary>
/// <remarks>
/// <para>
/// Every round draws a bootstrap sample of the training rows with probabilities equal to the current row weights
/// (starting from the sample weights scaled to sum to 1, floored at machine epsilon each round): n uniform numbers from
/// round i's <c>KilnRandom(Seeds.Derive(Seed, i))</c>, each mapped to the first row whose cumulative weight share exceeds
/// it, as numpy's <c>choice(p=…)</c> maps them. A squared-error tree of depth <c>max_depth</c> grows on the sample (a row
/// drawn k times weighs k), and predicts every training row. A row's loss is its absolute error over the largest
/// (linear), its square (square) or 1 − exp(−it) (exponential); the tree's error is the weighted mean loss, β = error /
/// (1 − error), the tree's weight is learning_rate · log(1 / β), and each row's weight is multiplied by
/// β^((1 − loss) · learning_rate). Boosting stops early, as scikit-learn's, on a perfect fit (the tree is kept with weight
/// 1), when the error reaches 0.5 (the tree is dropped unless it is the only one), or when the weights overflow or vanish.
/// </para>
/// <para>
/// The draws differ from scikit-learn's generator, so the trees are not scikit-learn's; the algorithm is. When the fit
/// context has a metric sink, each kept round records <c>train_error</c> (its tree's weighted mean loss), and
/// <c>validation_r2</c> of the ensemble so far when the context has a validation set (unless validation rows ×
/// n_estimators² exceeds 2.5 × 10⁸, where the staged medians would cost more than the fit).
/// </para>
/// </remarks>
public sealed class AdaBoostRegressor : IEstimator<AdaBoostRegressorModel>
{
    // The staged validation R² re-takes every row's weighted median after each round (validation rows × rounds² values
    // in all); above this it is left out, so a curve never costs more than the fit.
    private const double StagedWorkLimit = 2.5e8;

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public AdaBoostRegressor(AdaBoostRegressorOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 50 rounds of AdaBoost.R2 with linear loss on trees of depth 3.</summary>
    public AdaBoostRegressor()
        : this(new AdaBoostRegressorOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public AdaBoostRegressorOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows or its weights sum to zero.</exception>
    public AdaBoostRegressorModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "AdaBoost");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a regressor needs at least one row with a target.", nameof(data));
        var targets = data.NumericTarget();
        var (weights, zero) = AdaBoostWeights.Start(data);
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var limits = AdaBoostWeights.Limits(Options.MaxDepth);
        var columns = TreeInputs.Columns(inputSchema, data.Features);
        var tableRows = data.RowIndices.ToArray();
        var rowCount = data.RowCount;
        var ones = new double[rowCount];
        ones.AsSpan().Fill(1.0);
        var validation = context.Metrics is not null && context.Validation is { } given
            && (double)given.RowCount * Options.NEstimators * Options.NEstimators <= StagedWorkLimit ? new Stage(inputSchema, given) : null;

        var trees = new List<DecisionTree>();
        var treeWeights = new List<double>();
        var errors = new List<double>();
        var losses = new double[rowCount];
        var cumulative = new double[rowCount];
        for (var round = 0; round < Options.NEstimators; round++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var isLastRound = round == Options.NEstimators - 1;
            AdaBoostWeights.Floor(weights, zero);
            var random = new KilnRandom(Seeds.Derive(Options.Seed, round));
            var counts = Draw(random, weights, cumulative);
            var (rows, sampleWeights) = ForestTrainer.Sample(counts, ones);
            var settings = limits.Resolve(features.FeatureCount, TreeInputs.Sum(sampleWeights));
            var tree = TreeBuilder.Regression(features, targets, sampleWeights, rows, settings, new KilnRandom(random.NextUInt64()), context.CancellationToken);
            var error = Losses(tree, columns, tableRows, targets, weights, losses);
            if (error <= 0)
            {
                Keep(tree, 1.0, 0.0);
                break;
            }
            if (error >= 0.5)
            {
                // scikit-learn keeps a first tree this bad, with weight 0 and error 1, and stops.
                if (trees.Count == 0)
                    Keep(tree, 0.0, 1.0);
                break;
            }
            var beta = error / (1.0 - error);
            var treeWeight = Options.LearningRate * Math.Log(1.0 / beta);
            if (!isLastRound)
            {
                for (var row = 0; row < rowCount; row++)
                {
                    if (weights[row] > 0)
                        weights[row] *= Math.Pow(beta, (1.0 - losses[row]) * Options.LearningRate);
                }
            }
            Keep(tree, treeWeight, error);
            if (!AdaBoostWeights.Normalize(weights, isLastRound))
                break;
        }
        return new AdaBoostRegressorModel(Options, inputSchema, [.. trees], [.. treeWeights], [.. errors]);

        void Keep(DecisionTree tree, double weight, double error)
        {
            trees.Add(tree);
            treeWeights.Add(weight);
            errors.Add(error);
            context.Report("round", trees.Count, Options.NEstimators);
            context.Record(TrainingCurve.Train("error"), trees.Count, error);
            if (validation is not null)
                context.Record(TrainingCurve.Validation("r2"), trees.Count, validation.Add(tree, treeWeights));
        }
    }

    internal static void Validate(AdaBoostRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AdaBoostWeights.Validate(options.NEstimators, options.LearningRate, options.MaxDepth);
        if (options.Loss is not (AdaBoostRegressorOptions.Linear or AdaBoostRegressorOptions.Square or AdaBoostRegressorOptions.Exponential))
            throw new ArgumentException($"Loss (loss) is '{options.Loss}'; use linear, square or exponential.", nameof(options));
    }

    // numpy's RandomState.choice(n, size=n, replace=True, p=weights): the cumulative weights scaled to end at 1, and each
    // uniform draw u mapped to the first row whose cumulative share exceeds u. Returns how often each row was drawn.
    private static int[] Draw(KilnRandom random, double[] weights, double[] cumulative)
    {
        var sum = 0.0;
        for (var row = 0; row < weights.Length; row++)
        {
            sum += weights[row];
            cumulative[row] = sum;
        }
        for (var row = 0; row < weights.Length; row++)
            cumulative[row] /= sum;
        var counts = new int[weights.Length];
        for (var draw = 0; draw < weights.Length; draw++)
        {
            var u = random.NextDouble();
            var low = 0;
            var high = weights.Length - 1;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (cumulative[middle] > u)
                    high = middle;
                else
                    low = middle + 1;
            }
            counts[low]++;
        }
        return counts;
    }

    // Each row's loss (its absolute error over the largest among rows of positive weight, transformed by the loss
    // function) into `losses`, and the tree's error: the weight-weighted sum of the losses of rows of positive weight.
    private double Losses(DecisionTree tree, double[][] columns, int[] tableRows, double[] targets, double[] weights, double[] losses)
    {
        var largest = 0.0;
        for (var row = 0; row < targets.Length; row++)
        {
            losses[row] = Math.Abs(tree.Value(tree.FindLeaf(columns, tableRows[row]))[0] - targets[row]);
            if (weights[row] > 0)
                largest = Math.Max(largest, losses[row]);
        }
        var error = 0.0;
        for (var row = 0; row < targets.Length; row++)
        {
            if (!(weights[row] > 0))
                continue;
            var loss = largest != 0 ? losses[row] / largest : losses[row];
            loss = Options.Loss switch
            {
                AdaBoostRegressorOptions.Square => loss * loss,
                AdaBoostRegressorOptions.Exponential => 1.0 - Math.Exp(-loss),
                _ => loss,
            };
            losses[row] = loss;
            error += weights[row] * loss;
        }
        return error;
    }

    // The validation rows' R² of the weighted median of the trees so far, one tree added at a time.
    private sealed class Stage(Data.Schema inputSchema, TrainingSet validation)
    {
        private readonly double[][] _columns = TreeInputs.Columns(inputSchema, validation.Features);
        private readonly int[] _rows = validation.RowIndices.ToArray();
        private readonly double[] _targets = validation.NumericTarget();
        private readonly List<double[]> _predictions = [];

        public double Add(DecisionTree tree, List<double> weights)
        {
            var predictions = new double[_rows.Length];
            for (var row = 0; row < _rows.Length; row++)
                predictions[row] = tree.Value(tree.FindLeaf(_columns, _rows[row]))[0];
            _predictions.Add(predictions);
            var count = _predictions.Count;
            var treeWeights = weights.ToArray();
            var values = new double[count];
            var order = new int[count];
            var medians = new double[_rows.Length];
            for (var row = 0; row < _rows.Length; row++)
            {
                for (var t = 0; t < count; t++)
                    values[t] = _predictions[t][row];
                medians[row] = AdaBoostRegressorModel.WeightedMedian(values, order, treeWeights);
            }
            return _rows.Length < 2 ? double.NaN : Metrics.RegressionMetrics.R2(_targets, medians);
        }
    }
}
