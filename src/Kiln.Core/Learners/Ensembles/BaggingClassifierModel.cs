using System.Buffers;
using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A fitted <see cref="BaggingClassifier"/>: its base models, the classes, and the out-of-bag accuracy when asked for.</summary>
/// <remarks>
/// A row's probabilities are the mean over the base models of their probabilities, summed in base-model order, each
/// base model's classes placed at their positions in <see cref="Classes"/> (a base model that never saw a class gives
/// it 0); the prediction is the most probable class, the lowest index on a tie, as scikit-learn's <c>predict</c>.
/// </remarks>
public sealed class BaggingClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "bagging_classifier";

    private const int StackLimit = 256;

    private readonly string[] _classes;
    private readonly IClassifierModel[] _members;
    private readonly int[][] _inputs;
    private readonly int[][] _classMaps;
    private readonly int _scratchLength;

    internal BaggingClassifierModel(BaggingOptions options, Schema inputSchema, string[] classes, IClassifierModel[] members, double? oobScore)
    {
        Options = options;
        InputSchema = inputSchema;
        _classes = classes;
        _members = members;
        OobScore = oobScore;
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Length; c++)
            classIndex.Add(classes[c], c);
        _inputs = new int[members.Length][];
        _classMaps = new int[members.Length][];
        for (var i = 0; i < members.Length; i++)
        {
            _inputs[i] = BaggingInputs.Map(inputSchema, members[i], i);
            _classMaps[i] = new int[members[i].Classes.Count];
            for (var c = 0; c < _classMaps[i].Length; c++)
            {
                if (!classIndex.TryGetValue(members[i].Classes[c], out _classMaps[i][c]))
                    throw new ArgumentException($"Base model {i} has class '{members[i].Classes[c]}', which is not among the ensemble's classes ({string.Join(", ", classes)}).", nameof(members));
            }
            _scratchLength = Math.Max(_scratchLength, _inputs[i].Length + _classMaps[i].Length);
        }
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public BaggingOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The fitted base models, in the order of their seeds; each takes its own subset of <see cref="InputSchema"/>.</summary>
    public IReadOnlyList<IClassifierModel> Estimators => _members;

    /// <summary>The accuracy of each training row's most probable class by the base models that did not draw it, over the rows some base model left out; <see langword="null"/> unless <c>oob_score</c> was set.</summary>
    public double? OobScore { get; }

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination) => ClassPrediction.Predict(this, features, destination);

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features) => ClassPrediction.PredictRow(this, features);

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        _ = FeatureColumns.Resolve(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, _classes.Length, destination.Length);
        destination.Clear();
        for (var i = 0; i < _members.Length; i++)
            AddMemberProbabilities(i, features, destination);
        for (var k = 0; k < destination.Length; k++)
            destination[k] /= _members.Length;
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        double[]? rented = null;
        Span<double> scratch = _scratchLength <= StackLimit ? stackalloc double[_scratchLength] : (rented = ArrayPool<double>.Shared.Rent(_scratchLength));
        try
        {
            probabilities.Clear();
            for (var i = 0; i < _members.Length; i++)
            {
                var inputs = _inputs[i];
                var map = _classMaps[i];
                var row = scratch[..inputs.Length];
                var memberProbabilities = scratch.Slice(inputs.Length, map.Length);
                BaggingInputs.Gather(features, inputs, row);
                _members[i].PredictRowProbabilities(row, memberProbabilities);
                for (var c = 0; c < map.Length; c++)
                    probabilities[map[c]] += memberProbabilities[c];
            }
            for (var c = 0; c < probabilities.Length; c++)
                probabilities[c] /= _members.Length;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", BaggingState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("classes", _classes);
        writer.WriteDoubles("oob_score", OobScore is { } score ? [score] : []);
        BaggingInputs.SaveMembers(writer, _members);
    }

    internal static BaggingClassifierModel Load(BundleReader reader)
    {
        var options = BaggingInputs.LoadOptions(reader);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var classes = ClassPrediction.Load(reader, minimumCount: 1);
        var oobScore = ForestTrainer.ReadOobScore(reader, options.OobScore);
        var members = BaggingInputs.LoadMembers<IClassifierModel>(reader, options.NEstimators);
        try
        {
            return new BaggingClassifierModel(options, inputs, classes, members, oobScore);
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid(exception.Message);
        }
    }

    // Adds base model `index`'s probabilities for every row of `features`, at the ensemble's class positions, to `sums`.
    internal void AddMemberProbabilities(int index, Table features, Span<double> sums)
    {
        var map = _classMaps[index];
        var rowCount = features.RowCount;
        var memberProbabilities = new double[rowCount * map.Length];
        _members[index].PredictProbabilities(features, memberProbabilities);
        var classCount = _classes.Length;
        for (var row = 0; row < rowCount; row++)
        {
            for (var c = 0; c < map.Length; c++)
                sums[(row * classCount) + map[c]] += memberProbabilities[(row * map.Length) + c];
        }
    }

}
