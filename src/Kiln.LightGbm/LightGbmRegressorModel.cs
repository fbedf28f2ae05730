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
    private readonly LightGbmFeatures _features;

    internal LightGbmRegressorModel(LightGbmOptions options, LightGbmFeatures features, LightGbmBooster booster)
    {
        Options = options;
        _features = features;
        _booster = booster;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public LightGbmOptions Options { get; }

    /// <inheritdoc/>
    /// <remarks>Numeric and categorical columns; the categorical ones were passed to LightGBM as categorical features.</remarks>
    public Schema InputSchema => _features.Schema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The model in LightGBM's text format, as the library wrote it (what the bundle keeps).</summary>
    public string ModelText => _booster.ModelText;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        LightGbmFit.CheckDestination(features.RowCount, 1, destination.Length);
        var matrix = _features.Matrix(features);
        _booster.PredictRows(matrix.Values, matrix.RowCount, destination);
    }

    /// <summary>The categories of categorical input column <paramref name="column"/> (an index into <see cref="InputSchema"/>), in the order of the codes <see cref="PredictRow"/> takes; <see langword="null"/> for a numeric column.</summary>
    public IReadOnlyList<string>? Categories(int column) => _features.Categories(column);

    /// <inheritdoc/>
    /// <remarks>A categorical feature is given as the index of its category in <see cref="Categories"/>; a negative value or NaN is a missing category, and an index past the last category an unseen one.</remarks>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        LightGbmFit.CheckRow(InputSchema, features);
        Span<double> result = stackalloc double[1];
        _features.PredictRow(_booster, features, result);
        return result[0];
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", Options);
        _features.Save(writer);
        writer.WriteText("model", ModelText);
    }

    /// <summary>Frees the native booster.</summary>
    public void Dispose() => _booster.Dispose();

    internal static LightGbmRegressorModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<LightGbmOptions>("options");
        LightGbmParameters.Validate(options);
        var inputs = LightGbmFeatures.Load(reader);
        return new LightGbmRegressorModel(options, inputs, LightGbmBooster.FromText(reader.ReadText("model"), inputs.Count, 1));
    }
}
