using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Neural;

/// <summary>A fitted <see cref="MlpClassifier"/>: the network's layers and parameters, the classes, and how the fit went.</summary>
/// <remarks>A row's probabilities are the output layer's (the logistic unit gives P(<c>Classes[1]</c>) with two classes); its
/// prediction is the most probable class, the lowest index on a tie. Single-row and batch prediction give the same bits.</remarks>
public sealed class MlpClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "mlp_classifier";

    private readonly MlpModelCore _core;
    private readonly string[] _classes;

    internal MlpClassifierModel(MlpModelCore core, string[] classes)
    {
        _core = core;
        _classes = classes;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public MlpOptions Options => _core.Options;

    /// <inheritdoc/>
    public Schema InputSchema => _core.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The number of neurons of each layer: the inputs, each hidden layer, and the outputs (1 for two classes, else one per class).</summary>
    public IReadOnlyList<int> LayerSizes => _core.Network.Sizes;

    /// <summary>The weights of layer <paramref name="layer"/> (0 is the first hidden layer's), fan-in × fan-out, row-major (scikit-learn's <c>coefs_[layer]</c>).</summary>
    public ReadOnlySpan<double> Weights(int layer) => _core.Network.Weights(layer);

    /// <summary>The biases of layer <paramref name="layer"/> (scikit-learn's <c>intercepts_[layer]</c>).</summary>
    public ReadOnlySpan<double> Biases(int layer) => _core.Network.Biases(layer);

    /// <summary>The number of epochs the fit ran (scikit-learn's <c>n_iter_</c>).</summary>
    public int Epochs => _core.Fit.Epochs;

    /// <summary>Whether the fit stopped by its stopping rule rather than at <c>max_iter</c>.</summary>
    public bool Converged => _core.Fit.Converged;

    /// <summary>The epoch whose weights early stopping kept, or <see langword="null"/> without early stopping.</summary>
    public int? BestEpoch => _core.Fit.BestEpoch;

    /// <summary>The training loss (with penalties) after each epoch (scikit-learn's <c>loss_curve_</c>).</summary>
    public IReadOnlyList<double> LossCurve => _core.Fit.LossCurve;

    /// <summary>The validation accuracy after each epoch, empty without validation rows (scikit-learn's <c>validation_scores_</c>).</summary>
    public IReadOnlyList<double> ValidationScores => _core.Fit.ValidationScores;

    /// <summary>Findings about the fit that did not stop it, such as running all <c>max_iter</c> epochs; empty when there are none.</summary>
    public IReadOnlyList<string> Diagnostics => _core.Fit.Diagnostics;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination) => ClassPrediction.Predict(this, features, destination);

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features) => ClassPrediction.PredictRow(this, features);

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var classCount = _classes.Length;
        NumericInputs.CheckDestination(features.RowCount, classCount, destination.Length);
        var network = _core.Network;
        if (network.OutputCount == classCount)
        {
            network.EvaluateTable(features, InputSchema, destination);
            return;
        }
        var positive = new double[features.RowCount];
        network.EvaluateTable(features, InputSchema, positive);
        for (var row = 0; row < positive.Length; row++)
        {
            destination[2 * row] = 1 - positive[row];
            destination[(2 * row) + 1] = positive[row];
        }
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        RowProbabilities(features, probabilities);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _core.Save(writer);
        writer.WriteJson("classes", _classes);
    }

    internal static MlpClassifierModel Load(BundleReader reader)
    {
        var classes = ClassPrediction.Load(reader, minimumCount: 2);
        var output = classes.Length == 2 ? MlpActivation.Logistic : MlpActivation.Softmax;
        var core = MlpModelCore.Load(reader, _ => classes.Length == 2 ? 1 : classes.Length, output);
        return new MlpClassifierModel(core, classes);
    }

    private void RowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        if (_core.Network.OutputCount == probabilities.Length)
        {
            _core.Network.Evaluate(features, probabilities);
            return;
        }
        _core.Network.Evaluate(features, probabilities[1..]);
        probabilities[0] = 1 - probabilities[1];
    }
}
