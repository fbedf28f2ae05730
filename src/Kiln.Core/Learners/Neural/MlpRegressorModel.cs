using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Neural;

/// <summary>A fitted <see cref="MlpRegressor"/>: the network's layers and parameters, and how the fit went.</summary>
/// <remarks>Single-row and batch prediction give the same bits.</remarks>
public sealed class MlpRegressorModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "mlp_regressor";

    private readonly MlpModelCore _core;

    internal MlpRegressorModel(MlpModelCore core)
    {
        _core = core;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public MlpOptions Options => _core.Options;

    /// <inheritdoc/>
    public Schema InputSchema => _core.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The number of neurons of each layer: the inputs, each hidden layer, and the one output.</summary>
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

    /// <summary>The training loss (half the mean squared error, with penalties) after each epoch (scikit-learn's <c>loss_curve_</c>).</summary>
    public IReadOnlyList<double> LossCurve => _core.Fit.LossCurve;

    /// <summary>The validation R² after each epoch, empty without validation rows (scikit-learn's <c>validation_scores_</c>).</summary>
    public IReadOnlyList<double> ValidationScores => _core.Fit.ValidationScores;

    /// <summary>Findings about the fit that did not stop it, such as running all <c>max_iter</c> epochs; empty when there are none.</summary>
    public IReadOnlyList<string> Diagnostics => _core.Fit.Diagnostics;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        _core.Network.EvaluateTable(features, InputSchema, destination);
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        Span<double> output = stackalloc double[1];
        _core.Network.Evaluate(features, output);
        return output[0];
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _core.Save(writer);
    }

    internal static MlpRegressorModel Load(BundleReader reader) => new(MlpModelCore.Load(reader, _ => 1, MlpActivation.Identity));
}
