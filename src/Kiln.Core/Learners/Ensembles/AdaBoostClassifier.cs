using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>Multi-class AdaBoost on CART trees (Zhu, Zou, Rosset and Hastie, 2009, "Multi-class AdaBoost"), boosted as scikit-learn 1.2's <c>AdaBoostClassifier</c> boosts them.</summary>
/// <remarks>
/// <para>
/// Every round grows a Gini tree of depth <c>max_depth</c> on all training rows with the current row weights (starting
/// from the sample weights scaled to sum to 1, floored at machine epsilon each round), measures its weighted error, and
/// reweighs the rows: SAMME multiplies a misclassified row's weight by exp(α) with α = learning_rate · (log((1 − err) / err)
/// + log(K − 1)); SAMME.R multiplies each row's weight by exp(−learning_rate · (K − 1) / K · Σ_k y_k log p_k), with
/// y_k = 1 for the row's class and −1 / (K − 1) otherwise. Boosting stops early, as scikit-learn's, when a tree fits
/// perfectly (it is kept with weight 1), when a SAMME tree's error reaches 1 − 1/K (it is dropped), or when the weights
/// overflow or vanish. The features are ranked once and shared by every round.
/// </para>
/// <para>
/// The trees are scikit-learn's wherever no two splits tie; tree i orders its features from <c>Seeds.Derive(Seed, i)</c>,
/// which decides ties (scikit-learn's order comes from its own generator). When the fit context has a metric sink, each
/// kept round records <c>train_error</c> (its tree's weighted error) and <c>train_accuracy</c> of the ensemble so far,
/// and <c>validation_accuracy</c> when the context has a validation set.
/// </para>
/// </remarks>
public sealed class AdaBoostClassifier : IEstimator<AdaBoostClassifierModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public AdaBoostClassifier(AdaBoostClassifierOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 50 rounds of SAMME.R on stumps, learning rate 1.</summary>
    public AdaBoostClassifier()
        : this(new AdaBoostClassifierOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public AdaBoostClassifierOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or (SAMME) the first tree is no better than chance.</exception>
    public AdaBoostClassifierModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "AdaBoost");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a classifier needs at least one labelled row.", nameof(data));
        var labels = data.ClassLabels();
        var codes = labels.Codes.ToArray();
        var classCount = labels.ClassCount;
        var (weights, zero) = AdaBoostWeights.Start(data);
        var features = RankedFeatures.Create(data, context.MaxDegreeOfParallelism, context.CancellationToken);
        var limits = AdaBoostWeights.Limits(Options.MaxDepth);
        var rows = TreeInputs.AllRows(data.RowCount);
        var columns = TreeInputs.Columns(inputSchema, data.Features);
        var tableRows = data.RowIndices.ToArray();
        var real = Options.Algorithm == AdaBoostClassifierOptions.SammeR;
        var curves = new Curves(context, data, tableRows, codes, classCount, labels.Classes, inputSchema);

        var trees = new List<DecisionTree>();
        var treeWeights = new List<double>();
        var errors = new List<double>();
        var probabilities = new double[data.RowCount * classCount];
        var incorrect = new bool[data.RowCount];
        for (var round = 0; round < Options.NEstimators; round++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var isLastRound = round == Options.NEstimators - 1;
            AdaBoostWeights.Floor(weights, zero);
            var settings = limits.Resolve(features.FeatureCount, TreeInputs.Sum(weights));
            var tree = TreeBuilder.Classification(
                features, codes, classCount, entropy: false, weights, rows, settings, new KilnRandom(Seeds.Derive(Options.Seed, round)), context.CancellationToken);
            for (var row = 0; row < rows.Length; row++)
                tree.Value(tree.FindLeaf(columns, tableRows[row])).CopyTo(probabilities.AsSpan(row * classCount, classCount));
            var error = WeightedError(probabilities, codes, weights, incorrect);
            if (error <= 0)
            {
                Keep(tree, 1.0, 0.0);
                break;
            }
            if (real)
            {
                if (!isLastRound)
                    UpdateReal(probabilities, codes, classCount, Options.LearningRate, weights);
                Keep(tree, 1.0, error);
            }
            else
            {
                if (error >= 1.0 - (1.0 / classCount))
                {
                    if (trees.Count == 0)
                    {
                        throw new ArgumentException(
                            $"The first tree's weighted error is {error:G6}, no better than chance for {classCount} classes (1 − 1/{classCount}); SAMME cannot boost it. Use algorithm SAMME.R or deeper trees (max_depth).",
                            nameof(data));
                    }
                    break;
                }
                var alpha = Options.LearningRate * (Math.Log((1.0 - error) / error) + Math.Log(classCount - 1.0));
                if (!isLastRound)
                {
                    for (var row = 0; row < weights.Length; row++)
                        weights[row] = Math.Exp(Math.Log(weights[row]) + (incorrect[row] && weights[row] > 0 ? alpha : 0));
                }
                Keep(tree, alpha, error);
            }
            if (!AdaBoostWeights.Normalize(weights, isLastRound))
                break;
        }
        return new AdaBoostClassifierModel(Options, inputSchema, [.. labels.Classes], [.. trees], [.. treeWeights], [.. errors]);

        void Keep(DecisionTree tree, double weight, double error)
        {
            trees.Add(tree);
            treeWeights.Add(weight);
            errors.Add(error);
            context.Report("round", trees.Count, Options.NEstimators);
            curves.Add(tree, weight, error, real, trees.Count);
        }
    }

    internal static void Validate(AdaBoostClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AdaBoostWeights.Validate(options.NEstimators, options.LearningRate, options.MaxDepth);
        if (options.Algorithm is not (AdaBoostClassifierOptions.Samme or AdaBoostClassifierOptions.SammeR))
            throw new ArgumentException($"Algorithm (algorithm) is '{options.Algorithm}'; use SAMME.R or SAMME.", nameof(options));
    }

    // The weighted share of misclassified rows (np.average of `incorrect` with the weights), marking them in `incorrect`.
    private static double WeightedError(double[] probabilities, int[] codes, double[] weights, bool[] incorrect)
    {
        var classCount = probabilities.Length / codes.Length;
        var wrong = 0.0;
        var total = 0.0;
        for (var row = 0; row < codes.Length; row++)
        {
            incorrect[row] = ClassPrediction.MostProbable(probabilities.AsSpan(row * classCount, classCount)) != codes[row];
            if (incorrect[row])
                wrong += weights[row];
            total += weights[row];
        }
        return wrong / total;
    }

    // SAMME.R's row-weight update: w ← w · exp(−learning_rate · (K − 1) / K · Σ_k y_k log p_k) for rows of positive weight.
    private static void UpdateReal(double[] probabilities, int[] codes, int classCount, double learningRate, double[] weights)
    {
        var other = -1.0 / (classCount - 1);
        for (var row = 0; row < codes.Length; row++)
        {
            var sum = 0.0;
            for (var c = 0; c < classCount; c++)
            {
                var p = Math.Max(probabilities[(row * classCount) + c], AdaBoostWeights.MachineEpsilon);
                sum += (c == codes[row] ? 1.0 : other) * Math.Log(p);
            }
            var exponent = -1.0 * learningRate * ((classCount - 1.0) / classCount) * sum;
            if (weights[row] > 0 || exponent < 0)
                weights[row] *= Math.Exp(exponent);
        }
    }

    // The staged training and validation accuracy, when a metric sink listens: the running decision of each row.
    private sealed class Curves
    {
        private readonly FitContext _context;
        private readonly int _classCount;
        private readonly Stage? _train;
        private readonly Stage? _validation;

        public Curves(FitContext context, TrainingSet data, int[] tableRows, int[] codes, int classCount, IReadOnlyList<string> classes, Data.Schema inputSchema)
        {
            _context = context;
            _classCount = classCount;
            if (context.Metrics is null)
                return;
            _train = new Stage(TreeInputs.Columns(inputSchema, data.Features), tableRows, codes, classCount);
            if (context.Validation is { } validation)
                _validation = new Stage(TreeInputs.Columns(inputSchema, validation.Features), validation.RowIndices.ToArray(), BaggingFit.ClassCodes(validation, classes), classCount);
        }

        public void Add(DecisionTree tree, double weight, double error, bool real, int step)
        {
            if (_train is null)
                return;
            _context.Record(TrainingCurve.Train("error"), step, error);
            _context.Record(TrainingCurve.Train("accuracy"), step, _train.Add(tree, weight, real, _classCount));
            if (_validation is not null)
                _context.Record(TrainingCurve.Validation("accuracy"), step, _validation.Add(tree, weight, real, _classCount));
        }
    }

    private sealed class Stage(double[][] columns, int[] tableRows, int[] codes, int classCount)
    {
        private readonly double[] _decision = new double[tableRows.Length * classCount];
        private readonly double[] _scratch = new double[classCount];

        // Adds the tree to every row's decision and returns the accuracy of the most likely classes.
        public double Add(DecisionTree tree, double weight, bool real, int classes)
        {
            var correct = 0;
            for (var row = 0; row < tableRows.Length; row++)
            {
                var decision = _decision.AsSpan(row * classes, classes);
                AdaBoostClassifierModel.AddContribution(real, tree.Value(tree.FindLeaf(columns, tableRows[row])), weight, decision, _scratch);
                if (ClassPrediction.MostProbable(decision) == codes[row])
                    correct++;
            }
            return tableRows.Length == 0 ? double.NaN : correct / (double)tableRows.Length;
        }
    }
}
