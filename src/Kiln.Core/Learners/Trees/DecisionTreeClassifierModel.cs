using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Trees;

/// <summary>A fitted <see cref="DecisionTreeClassifier"/>: the tree, the classes, and each feature's importance.</summary>
/// <remarks>
/// A row's probabilities are the class frequencies of its leaf; its prediction is the most probable class, the lowest
/// index on a tie, as scikit-learn's <c>predict</c>. A missing (NaN) feature value follows the heavier child at each split.
/// </remarks>
public sealed class DecisionTreeClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "decision_tree_classifier";

    private readonly string[] _classes;
    private readonly int[] _predictedClass;
    private readonly double[] _importances;

    internal DecisionTreeClassifierModel(DecisionTreeClassifierOptions options, Schema inputSchema, string[] classes, DecisionTree tree)
    {
        Options = options;
        InputSchema = inputSchema;
        _classes = classes;
        Tree = tree;
        _importances = tree.FeatureImportances();
        _predictedClass = new int[tree.NodeCount];
        for (var node = 0; node < tree.NodeCount; node++)
        {
            var probabilities = tree.Value(node);
            var best = 0;
            for (var c = 1; c < probabilities.Length; c++)
            {
                if (probabilities[c] > probabilities[best])
                    best = c;
            }
            _predictedClass[node] = best;
        }
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public DecisionTreeClassifierOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The fitted tree; node values are class frequencies in <see cref="Classes"/> order.</summary>
    public DecisionTree Tree { get; }

    /// <summary>Each input column's share of the total weighted impurity decrease, in <see cref="InputSchema"/> order; they sum to 1 unless the tree is a single leaf.</summary>
    public IReadOnlyList<double> FeatureImportances => _importances;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        for (var row = 0; row < destination.Length; row++)
            destination[row] = _predictedClass[Tree.FindLeaf(columns, row)];
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        return _predictedClass[Tree.FindLeaf(features)];
    }

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        var classCount = _classes.Length;
        NumericInputs.CheckDestination(features.RowCount, classCount, destination.Length);
        for (var row = 0; row < features.RowCount; row++)
            Tree.Value(Tree.FindLeaf(columns, row)).CopyTo(destination.Slice(row * classCount, classCount));
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        Tree.Value(Tree.FindLeaf(features)).CopyTo(probabilities);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", DecisionTreeClassifierState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("classes", _classes);
        Tree.Save(writer);
    }

    internal static DecisionTreeClassifierModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<DecisionTreeClassifierState>("options").ToOptions();
        DecisionTreeClassifier.Validate(options);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var classes = ClassPrediction.Load(reader, minimumCount: 1);
        var tree = DecisionTree.Load(reader, inputs.Count, classes.Length, classification: true);
        return new DecisionTreeClassifierModel(options, inputs, classes, tree);
    }
}
