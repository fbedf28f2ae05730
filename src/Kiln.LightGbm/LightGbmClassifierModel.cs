using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.LightGbm;

/// <summary>
/// A fitted LightGBM classifier. <see cref="Predict"/> gives the index in <see cref="Classes"/> of the most probable class.
/// Safe to call from many threads; dispose it to free the native booster at once.
/// </summary>
public sealed class LightGbmClassifierModel : IClassifierModel, IDisposable
{
    /// <summary>The bundle kind of this model.</summary>
    public const string ModelKind = "lightgbm_classifier";

    private const int MaxStackClasses = 256;

    private readonly string[] _classes;
    private readonly LightGbmBooster _booster;
    private readonly LightGbmFeatures _features;

    internal LightGbmClassifierModel(LightGbmOptions options, LightGbmFeatures features, string[] classes, LightGbmBooster booster)
    {
        Options = options;
        _features = features;
        _classes = classes;
        _booster = booster;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public LightGbmOptions Options { get; }

    /// <inheritdoc/>
    /// <remarks>Numeric and categorical columns; the categorical ones were passed to LightGBM as categorical features.</remarks>
    public Schema InputSchema => _features.Schema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The model in LightGBM's text format, as the library wrote it (what the bundle keeps).</summary>
    public string ModelText => _booster.ModelText;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        LightGbmFit.CheckDestination(features.RowCount, 1, destination.Length);
        var probabilities = new double[(long)features.RowCount * _classes.Length];
        PredictProbabilities(features, probabilities);
        for (var row = 0; row < destination.Length; row++)
            destination[row] = ArgMax(probabilities.AsSpan(row * _classes.Length, _classes.Length));
    }

    /// <summary>The categories of categorical input column <paramref name="column"/> (an index into <see cref="InputSchema"/>), in the order of the codes <see cref="PredictRow"/> takes; <see langword="null"/> for a numeric column.</summary>
    public IReadOnlyList<string>? Categories(int column) => _features.Categories(column);

    /// <inheritdoc/>
    /// <remarks>A categorical feature is given as the index of its category in <see cref="Categories"/>; a negative value or NaN is a missing category, and an index past the last category an unseen one.</remarks>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        LightGbmFit.CheckRow(InputSchema, features);
        var probabilities = _classes.Length <= MaxStackClasses ? stackalloc double[_classes.Length] : new double[_classes.Length];
        PredictRowProbabilities(features, probabilities);
        return ArgMax(probabilities);
    }

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        LightGbmFit.CheckDestination(features.RowCount, _classes.Length, destination.Length);
        var matrix = _features.Matrix(features);
        if (_classes.Length > 2)
        {
            _booster.PredictRows(matrix.Values, matrix.RowCount, destination);
            return;
        }
        var positive = new double[matrix.RowCount];
        _booster.PredictRows(matrix.Values, matrix.RowCount, positive);
        for (var row = 0; row < positive.Length; row++)
        {
            destination[2 * row] = 1.0 - positive[row];
            destination[(2 * row) + 1] = positive[row];
        }
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        LightGbmFit.CheckRow(InputSchema, features);
        if (probabilities.Length != _classes.Length)
            throw new ArgumentException($"The probabilities span holds {probabilities.Length} values; the model has {_classes.Length} classes.", nameof(probabilities));
        if (_classes.Length > 2)
        {
            _features.PredictRow(_booster, features, probabilities);
            return;
        }
        _features.PredictRow(_booster, features, probabilities[1..]);
        probabilities[0] = 1.0 - probabilities[1];
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", Options);
        _features.Save(writer);
        writer.WriteJson("classes", _classes);
        writer.WriteText("model", ModelText);
    }

    /// <summary>Frees the native booster.</summary>
    public void Dispose() => _booster.Dispose();

    internal static LightGbmClassifierModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<LightGbmOptions>("options");
        LightGbmParameters.Validate(options);
        var inputs = LightGbmFeatures.Load(reader);
        var classes = reader.ReadJson<string[]>("classes");
        if (classes.Length < 2 || classes.Distinct(StringComparer.Ordinal).Count() != classes.Length)
            throw reader.Invalid($"the classes ({string.Join(", ", classes)}) must be at least two distinct labels");
        var outputs = classes.Length == 2 ? 1 : classes.Length;
        return new LightGbmClassifierModel(options, inputs, classes, LightGbmBooster.FromText(reader.ReadText("model"), inputs.Count, outputs));
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
                best = k;
        }
        return best;
    }
}
