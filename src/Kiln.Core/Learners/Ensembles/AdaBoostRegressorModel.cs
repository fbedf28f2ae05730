using System.Buffers;
using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A fitted <see cref="AdaBoostRegressor"/>: its trees, their weights and errors.</summary>
/// <remarks>
/// A row's prediction is the weighted median of the trees' predictions, as scikit-learn's <c>AdaBoostRegressor.predict</c>:
/// the predictions sorted, and the first whose cumulative tree weight reaches half the total.
/// </remarks>
public sealed class AdaBoostRegressorModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "adaboost_regressor";

    private const int StackLimit = 256;

    private readonly DecisionTree[] _trees;
    private readonly double[] _weights;
    private readonly double[] _errors;

    internal AdaBoostRegressorModel(AdaBoostRegressorOptions options, Schema inputSchema, DecisionTree[] trees, double[] weights, double[] errors)
    {
        Options = options;
        InputSchema = inputSchema;
        _trees = trees;
        _weights = weights;
        _errors = errors;
        FeatureImportances = AdaBoostClassifierModel.WeightedImportances(trees, weights, inputSchema.Count, weights.Sum());
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public AdaBoostRegressorOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The trees, one per boosting round kept (fewer than <c>n_estimators</c> when boosting stopped early).</summary>
    public IReadOnlyList<DecisionTree> Trees => _trees;

    /// <summary>Each tree's weight, learning_rate · log(1 / β) (scikit-learn's <c>estimator_weights_</c> of the rounds kept).</summary>
    public IReadOnlyList<double> EstimatorWeights => _weights;

    /// <summary>Each tree's weighted average loss (scikit-learn's <c>estimator_errors_</c> of the rounds kept).</summary>
    public IReadOnlyList<double> EstimatorErrors => _errors;

    /// <summary>The trees' impurity importances averaged with the tree weights, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances { get; }

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        var predictions = new double[_trees.Length];
        var order = new int[_trees.Length];
        for (var row = 0; row < destination.Length; row++)
        {
            for (var t = 0; t < _trees.Length; t++)
                predictions[t] = _trees[t].Value(_trees[t].FindLeaf(columns, row))[0];
            destination[row] = WeightedMedian(predictions, order, _weights);
        }
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        var count = _trees.Length;
        double[]? rentedPredictions = null;
        int[]? rentedOrder = null;
        Span<double> predictions = count <= StackLimit ? stackalloc double[count] : (rentedPredictions = ArrayPool<double>.Shared.Rent(count)).AsSpan(0, count);
        Span<int> order = count <= StackLimit ? stackalloc int[count] : (rentedOrder = ArrayPool<int>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            for (var t = 0; t < count; t++)
                predictions[t] = _trees[t].Value(_trees[t].FindLeaf(features))[0];
            return WeightedMedian(predictions, order, _weights);
        }
        finally
        {
            if (rentedPredictions is not null)
                ArrayPool<double>.Shared.Return(rentedPredictions);
            if (rentedOrder is not null)
                ArrayPool<int>.Shared.Return(rentedOrder);
        }
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", AdaBoostRegressorState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("estimator_weights", _weights);
        writer.WriteDoubles("estimator_errors", _errors);
        DecisionTree.SaveMany(writer, _trees, ForestTrainer.NodeCountsName);
    }

    internal static AdaBoostRegressorModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<AdaBoostRegressorState>("options").ToOptions();
        try
        {
            AdaBoostRegressor.Validate(options);
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid(exception.Message);
        }
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var weights = reader.ReadFiniteDoubles("estimator_weights");
        var errors = reader.ReadFiniteDoubles("estimator_errors", weights.Length);
        if (weights.Length is 0 || weights.Length > options.NEstimators)
            throw reader.Invalid($"it holds {weights.Length} trees; a model keeps 1 to n_estimators ({options.NEstimators})");
        if (Array.Exists(weights, weight => weight < 0))
            throw reader.Invalid("a tree weight is negative");
        var nodeCounts = reader.ReadInt32s(ForestTrainer.NodeCountsName, weights.Length);
        var trees = DecisionTree.LoadMany(reader, nodeCounts, inputs.Count, valueWidth: 1, classification: false);
        return new AdaBoostRegressorModel(options, inputs, trees, weights, errors);
    }

    // scikit-learn's _get_median_predict for one row: sort the predictions (carrying the tree numbers), and return the
    // first whose cumulative weight reaches half the total (the first of all when every weight is 0). Ties between equal
    // predictions do not change the value returned, so the sort need not be stable.
    internal static double WeightedMedian(Span<double> predictions, Span<int> order, ReadOnlySpan<double> weights)
    {
        for (var t = 0; t < order.Length; t++)
            order[t] = t;
        predictions.Sort(order);
        var total = 0.0;
        for (var t = 0; t < order.Length; t++)
            total += weights[order[t]];
        var half = 0.5 * total;
        var cumulative = 0.0;
        for (var t = 0; t < order.Length; t++)
        {
            cumulative += weights[order[t]];
            if (cumulative >= half)
                return predictions[t];
        }
        return predictions[^1];
    }
}
