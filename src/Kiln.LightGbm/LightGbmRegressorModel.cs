using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.LightGbm;

/// <summary>A fitted LightGBM regressor. Safe to call from many threads; dispose it to free the native booster at once.</summary>
public sealed class LightGbmRegressorModel : IPredictor, IDisposable
{
    /// <summary>The bundle kind of this model.</summary>
    public const string ModelKind = "lightgbm_regressor";

    private readonly LightGbmBooster _booster;

    internal LightGbmRegressorModel(LightGbmOptions options, Schema inputSchema, LightGbmBooster booster)
    {
        Options = options;
        InputSchema = inputSchema;
        _booster = booster;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public LightGbmOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The model in LightGBM's text format, as the library wrote it (what the bundle keeps).</summary>
    public string ModelText => _booster.ModelText;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        LightGbmFit.CheckDestination(features.RowCount, 1, destination.Length);
        var matrix = LightGbmMatrix.From(InputSchema, features);
        _booster.PredictRows(matrix.Values, matrix.RowCount, destination);
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        LightGbmFit.CheckRow(InputSchema, features);
        Span<double> result = stackalloc double[1];
        _booster.PredictRow(features, result);
        return result[0];
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", Options);
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteText("model", ModelText);
    }

    /// <summary>Frees the native booster.</summary>
    public void Dispose() => _booster.Dispose();

    internal static LightGbmRegressorModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<LightGbmOptions>("options");
        LightGbmParameters.Validate(options);
        var inputs = LightGbmModels.ReadInputs(reader);
        return new LightGbmRegressorModel(options, inputs, LightGbmBooster.FromText(reader.ReadText("model"), inputs.Count, 1));
    }
}
