using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A fitted <see cref="AdaBoostClassifier"/>: its trees, their weights and errors, and the classes.</summary>
/// <remarks>
/// As scikit-learn 1.2's <c>decision_function</c> and <c>predict_proba</c>: the decision of each class is the sum over the
/// trees of their contribution (SAMME: the tree's weight to the class it predicts; SAMME.R: (K − 1)(log p_k − mean log p)
/// of the tree's probabilities, each floored at machine epsilon), divided by the sum of the tree weights; the
/// probabilities are the softmax of the decision over K − 1 (for two classes, of ±d/2 with d the second class's decision
/// minus the first's). The prediction is the most probable class, the lowest index on a tie.
/// </remarks>
public sealed class AdaBoostClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "adaboost_classifier";

    private const int StackLimit = 128;

    private readonly string[] _classes;
    private readonly DecisionTree[] _trees;
    private readonly double[] _weights;
    private readonly double[] _errors;
    private readonly bool _real;
    private readonly double _totalWeight;

    internal AdaBoostClassifierModel(AdaBoostClassifierOptions options, Schema inputSchema, string[] classes, DecisionTree[] trees, double[] weights, double[] errors)
    {
        Options = options;
        InputSchema = inputSchema;
        _classes = classes;
        _trees = trees;
        _weights = weights;
        _errors = errors;
        _real = options.Algorithm == AdaBoostClassifierOptions.SammeR;
        foreach (var weight in weights)
            _totalWeight += weight;
        FeatureImportances = WeightedImportances(trees, weights, inputSchema.Count, _totalWeight);
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public AdaBoostClassifierOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The trees, one per boosting round kept (fewer than <c>n_estimators</c> when boosting stopped early); node values are class frequencies in <see cref="Classes"/> order.</summary>
    public IReadOnlyList<DecisionTree> Trees => _trees;

    /// <summary>Each tree's weight (scikit-learn's <c>estimator_weights_</c> of the rounds kept; 1 for every SAMME.R tree).</summary>
    public IReadOnlyList<double> EstimatorWeights => _weights;

    /// <summary>Each tree's weighted training error (scikit-learn's <c>estimator_errors_</c> of the rounds kept).</summary>
    public IReadOnlyList<double> EstimatorErrors => _errors;

    /// <summary>The trees' impurity importances averaged with the tree weights, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances { get; }

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination) => ClassPrediction.Predict(this, features, destination);

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features) => ClassPrediction.PredictRow(this, features);

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        var classCount = _classes.Length;
        NumericInputs.CheckDestination(features.RowCount, classCount, destination.Length);
        var scratch = new double[classCount];
        for (var row = 0; row < features.RowCount; row++)
        {
            var decision = destination.Slice(row * classCount, classCount);
            decision.Clear();
            for (var t = 0; t < _trees.Length; t++)
                AddContribution(_real, _trees[t].Value(_trees[t].FindLeaf(columns, row)), _weights[t], decision, scratch);
            Probabilities(decision, _totalWeight);
        }
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        Span<double> scratch = _classes.Length <= StackLimit ? stackalloc double[_classes.Length] : new double[_classes.Length];
        probabilities.Clear();
        for (var t = 0; t < _trees.Length; t++)
            AddContribution(_real, _trees[t].Value(_trees[t].FindLeaf(features)), _weights[t], probabilities, scratch);
        Probabilities(probabilities, _totalWeight);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", AdaBoostClassifierState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("classes", _classes);
        writer.WriteDoubles("estimator_weights", _weights);
        writer.WriteDoubles("estimator_errors", _errors);
        DecisionTree.SaveMany(writer, _trees, ForestTrainer.NodeCountsName);
    }

    internal static AdaBoostClassifierModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<AdaBoostClassifierState>("options").ToOptions();
        try
        {
            AdaBoostClassifier.Validate(options);
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid(exception.Message);
        }
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var classes = ClassPrediction.Load(reader, minimumCount: 1);
        var weights = reader.ReadFiniteDoubles("estimator_weights");
        var errors = reader.ReadFiniteDoubles("estimator_errors", weights.Length);
        if (weights.Length is 0 || weights.Length > options.NEstimators)
            throw reader.Invalid($"it holds {weights.Length} trees; a model keeps 1 to n_estimators ({options.NEstimators})");
        if (Array.Exists(weights, weight => weight < 0) || !(weights.Sum() > 0))
            throw reader.Invalid("the tree weights are negative or sum to 0");
        var nodeCounts = reader.ReadInt32s(ForestTrainer.NodeCountsName, weights.Length);
        var trees = DecisionTree.LoadMany(reader, nodeCounts, inputs.Count, classes.Length, classification: true);
        return new AdaBoostClassifierModel(options, inputs, classes, trees, weights, errors);
    }

    // Adds one tree's contribution to a row's decision, from the tree's class probabilities for the row.
    internal static void AddContribution(bool real, ReadOnlySpan<double> probabilities, double weight, Span<double> decision, Span<double> scratch)
    {
        var classCount = decision.Length;
        if (!real)
        {
            decision[ClassPrediction.MostProbable(probabilities)] += weight;
            return;
        }
        var logSum = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            scratch[c] = Math.Log(Math.Max(probabilities[c], AdaBoostWeights.MachineEpsilon));
            logSum += scratch[c];
        }
        for (var c = 0; c < classCount; c++)
            decision[c] += (classCount - 1) * (scratch[c] - (1.0 / classCount * logSum));
    }

    // Turns a row's summed decision into probabilities, in place (scikit-learn's _compute_proba_from_decision).
    internal static void Probabilities(Span<double> decision, double totalWeight)
    {
        var classCount = decision.Length;
        if (classCount == 1)
        {
            decision[0] = 1;
            return;
        }
        for (var c = 0; c < classCount; c++)
            decision[c] /= totalWeight;
        if (classCount == 2)
        {
            var difference = -decision[0] + decision[1];
            decision[0] = -difference / 2;
            decision[1] = difference / 2;
        }
        else
        {
            for (var c = 0; c < classCount; c++)
                decision[c] /= classCount - 1;
        }
        var max = decision[0];
        for (var c = 1; c < classCount; c++)
            max = Math.Max(max, decision[c]);
        var sum = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            decision[c] = Math.Exp(decision[c] - max);
            sum += decision[c];
        }
        for (var c = 0; c < classCount; c++)
            decision[c] /= sum;
    }

    // scikit-learn's BaseWeightBoosting.feature_importances_: Σ w_t · importances_t / Σ w_t.
    internal static double[] WeightedImportances(DecisionTree[] trees, double[] weights, int featureCount, double totalWeight)
    {
        var sums = new double[featureCount];
        if (!(totalWeight > 0))
            return sums;
        for (var t = 0; t < trees.Length; t++)
        {
            var importances = trees[t].FeatureImportances();
            for (var j = 0; j < featureCount; j++)
                sums[j] += weights[t] * importances[j];
        }
        for (var j = 0; j < featureCount; j++)
            sums[j] /= totalWeight;
        return sums;
    }
}
