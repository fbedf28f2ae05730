using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Baseline;

/// <summary>A fitted <see cref="DummyClassifier"/>: the classes, their weighted frequencies, and the rule that picks one.</summary>
public sealed class DummyClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "dummy_classifier";

    private readonly string[] _classes;
    private readonly double[] _priors;
    private readonly double[] _cumulativePriors;
    private readonly int _mostFrequent;
    private readonly int _constant;
    private readonly bool _draws;

    internal DummyClassifierModel(DummyClassifierOptions options, Schema inputSchema, string[] classes, double[] priors)
    {
        Options = options;
        InputSchema = inputSchema;
        _classes = classes;
        _priors = priors;
        // Ties go to the lowest class index, as NumPy's argmax.
        _mostFrequent = 0;
        for (var c = 1; c < priors.Length; c++)
        {
            if (priors[c] > priors[_mostFrequent])
                _mostFrequent = c;
        }
        _constant = options.Constant is null ? -1 : Array.IndexOf(classes, options.Constant);
        _draws = options.Strategy is DummyClassifierOptions.Stratified or DummyClassifierOptions.Uniform;
        // Cumulative frequencies for the stratified draw; the last class with any weight takes whatever rounding leaves.
        _cumulativePriors = new double[priors.Length];
        var running = 0.0;
        var lastPositive = 0;
        for (var c = 0; c < priors.Length; c++)
        {
            running += priors[c];
            _cumulativePriors[c] = running;
            if (priors[c] > 0)
                lastPositive = c;
        }
        for (var c = lastPositive; c < priors.Length; c++)
            _cumulativePriors[c] = double.PositiveInfinity;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public DummyClassifierOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The weighted frequency of each class in the training target, in <see cref="Classes"/> order; they sum to 1.</summary>
    public IReadOnlyList<double> ClassPriors => _priors;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = FeatureColumns.Resolve(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        if (!_draws)
        {
            destination.Fill(FixedClass());
            return;
        }
        var draws = RowDraw.Uniform(Options.Seed, columns, features.RowCount);
        for (var row = 0; row < draws.Length; row++)
            destination[row] = DrawnClass(draws[row]);
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        return _draws ? DrawnClass(RowDraw.Uniform(Options.Seed, features)) : FixedClass();
    }

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = FeatureColumns.Resolve(InputSchema, features);
        var classCount = _classes.Length;
        NumericInputs.CheckDestination(features.RowCount, classCount, destination.Length);
        var draws = Options.Strategy == DummyClassifierOptions.Stratified ? RowDraw.Uniform(Options.Seed, columns, features.RowCount) : null;
        for (var row = 0; row < features.RowCount; row++)
            Probabilities(draws is null ? 0 : draws[row], destination.Slice(row * classCount, classCount));
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        var draw = Options.Strategy == DummyClassifierOptions.Stratified ? RowDraw.Uniform(Options.Seed, features) : 0;
        Probabilities(draw, probabilities);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new DummyClassifierState(Options.Strategy, Options.Constant, Options.Seed));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("classes", _classes);
        writer.WriteDoubles("priors", _priors);
    }

    internal static DummyClassifierModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<DummyClassifierState>("options");
        var options = new DummyClassifierOptions { Strategy = state.Strategy, Constant = state.Constant, Seed = state.Seed };
        DummyClassifier.Validate(options);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var classes = ClassPrediction.Load(reader, minimumCount: 1);
        var priors = reader.ReadFiniteDoubles("priors", classes.Length);
        var sum = 0.0;
        foreach (var prior in priors)
        {
            if (prior is < 0 or > 1)
                throw reader.Invalid($"a class prior is {prior}; priors are between 0 and 1");
            sum += prior;
        }
        if (Math.Abs(sum - 1) > 1e-9)
            throw reader.Invalid($"the class priors sum to {sum}; they must sum to 1");
        if (options.Constant is not null && options.Strategy == DummyClassifierOptions.ConstantClass && !classes.Contains(options.Constant, StringComparer.Ordinal))
            throw reader.Invalid($"the constant class '{options.Constant}' is not one of the classes");
        return new DummyClassifierModel(options, inputs, classes, priors);
    }

    private int FixedClass() => Options.Strategy == DummyClassifierOptions.ConstantClass ? _constant : _mostFrequent;

    private int DrawnClass(double draw)
    {
        if (Options.Strategy == DummyClassifierOptions.Uniform)
            return Math.Min((int)(draw * _classes.Length), _classes.Length - 1);
        var c = 0;
        while (draw >= _cumulativePriors[c])
            c++;
        return c;
    }

    private void Probabilities(double draw, Span<double> probabilities)
    {
        switch (Options.Strategy)
        {
            case DummyClassifierOptions.Prior:
                _priors.CopyTo(probabilities);
                break;
            case DummyClassifierOptions.Uniform:
                probabilities.Fill(1.0 / _classes.Length);
                break;
            default:
                probabilities.Clear();
                probabilities[Options.Strategy == DummyClassifierOptions.Stratified ? DrawnClass(draw) : FixedClass()] = 1;
                break;
        }
    }
}
