using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A fitted <see cref="RandomForestClassifier"/>: its trees, the classes, each feature's importance, and the out-of-bag accuracy when asked for.</summary>
/// <remarks>
/// A row's probabilities are the mean of its leaves' class frequencies over the trees, summed in tree order; its
/// prediction is the most probable class, the lowest index on a tie, as scikit-learn's <c>predict</c>. A missing (NaN)
/// feature value follows the heavier child at each split.
/// </remarks>
public sealed class RandomForestClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "random_forest_classifier";

    private readonly string[] _classes;
    private readonly DecisionTree[] _trees;
    private readonly double[] _importances;

    internal RandomForestClassifierModel(RandomForestClassifierOptions options, Schema inputSchema, string[] classes, DecisionTree[] trees, double? oobScore)
    {
        Options = options;
        InputSchema = inputSchema;
        _classes = classes;
        _trees = trees;
        OobScore = oobScore;
        _importances = ForestTrainer.MeanImportances(trees, inputSchema.Count);
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public RandomForestClassifierOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The fitted trees, in the order of their seeds; node values are class frequencies in <see cref="Classes"/> order.</summary>
    public IReadOnlyList<DecisionTree> Trees => _trees;

    /// <summary>The mean over trees (those with a split) of each tree's normalised impurity importances, renormalised to sum to 1, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances => _importances;

    /// <summary>The accuracy of each training row's most probable class by the trees that did not draw it, over the rows some tree left out; <see langword="null"/> unless <c>oob_score</c> was set.</summary>
    public double? OobScore { get; }

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        var buffer = new double[_classes.Length];
        for (var row = 0; row < destination.Length; row++)
        {
            Average(columns, row, buffer);
            destination[row] = ArgMax(buffer);
        }
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        Span<double> buffer = _classes.Length <= 256 ? stackalloc double[_classes.Length] : new double[_classes.Length];
        Average(features, buffer);
        return ArgMax(buffer);
    }

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        var classCount = _classes.Length;
        NumericInputs.CheckDestination(features.RowCount, classCount, destination.Length);
        var buffer = new double[classCount];
        for (var row = 0; row < features.RowCount; row++)
        {
            Average(columns, row, buffer);
            buffer.CopyTo(destination.Slice(row * classCount, classCount));
        }
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        if (probabilities.Length != _classes.Length)
            throw new ArgumentException($"The destination holds {probabilities.Length} values; the model has {_classes.Length} classes.", nameof(probabilities));
        Average(features, probabilities);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", RandomForestClassifierState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("classes", _classes);
        writer.WriteDoubles("oob_score", OobScore is { } score ? [score] : []);
        DecisionTree.SaveMany(writer, _trees, ForestTrainer.NodeCountsName);
    }

    internal static RandomForestClassifierModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<RandomForestClassifierState>("options").ToOptions();
        RandomForestClassifier.Validate(options);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var classes = reader.ReadJson<string[]>("classes");
        if (classes.Length == 0 || Array.Exists(classes, name => name is null))
            throw reader.Invalid("the class list is empty or holds null");
        if (!classes.SequenceEqual(ClassLabels.Sort(classes), StringComparer.Ordinal) || classes.Distinct(StringComparer.Ordinal).Count() != classes.Length)
            throw reader.Invalid($"the classes ({string.Join(", ", classes)}) are not distinct and in Kiln's class order");
        var oobScore = ForestTrainer.ReadOobScore(reader, options.OobScore);
        var trees = DecisionTree.LoadMany(reader, ForestTrainer.ReadNodeCounts(reader, options.NEstimators), inputs.Count, classes.Length, classification: true);
        return new RandomForestClassifierModel(options, inputs, classes, trees, oobScore);
    }

    private static int ArgMax(ReadOnlySpan<double> probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
                best = c;
        }
        return best;
    }

    private void Average(double[][] columns, int row, Span<double> destination)
    {
        destination.Clear();
        foreach (var tree in _trees)
        {
            var value = tree.Value(tree.FindLeaf(columns, row));
            for (var c = 0; c < value.Length; c++)
                destination[c] += value[c];
        }
        for (var c = 0; c < destination.Length; c++)
            destination[c] /= _trees.Length;
    }

    private void Average(ReadOnlySpan<double> features, Span<double> destination)
    {
        destination.Clear();
        foreach (var tree in _trees)
        {
            var value = tree.Value(tree.FindLeaf(features));
            for (var c = 0; c < value.Length; c++)
                destination[c] += value[c];
        }
        for (var c = 0; c < destination.Length; c++)
            destination[c] /= _trees.Length;
    }
}
