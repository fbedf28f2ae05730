using System.Buffers;
using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

/// <summary>A fitted <see cref="BaggingRegressor"/>: its base models and the out-of-bag R² when asked for.</summary>
/// <remarks>A row's prediction is the mean of the base models' predictions, summed in base-model order.</remarks>
public sealed class BaggingRegressorModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "bagging_regressor";

    private const int StackLimit = 256;

    private readonly IPredictor[] _members;
    private readonly int[][] _inputs;
    private readonly int _scratchLength;

    internal BaggingRegressorModel(BaggingOptions options, Schema inputSchema, IPredictor[] members, double? oobScore)
    {
        Options = options;
        InputSchema = inputSchema;
        _members = members;
        OobScore = oobScore;
        _inputs = new int[members.Length][];
        for (var i = 0; i < members.Length; i++)
        {
            if (members[i] is IClassifierModel)
                throw new ArgumentException($"Base model {i} is a classifier ({members[i].Kind}); a bagging regressor averages regression models.", nameof(members));
            _inputs[i] = BaggingInputs.Map(inputSchema, members[i], i);
            _scratchLength = Math.Max(_scratchLength, _inputs[i].Length);
        }
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public BaggingOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The fitted base models, in the order of their seeds; each takes its own subset of <see cref="InputSchema"/>.</summary>
    public IReadOnlyList<IPredictor> Estimators => _members;

    /// <summary>The R² of each training row's mean prediction by the base models that did not draw it, over the rows some base model left out; <see langword="null"/> unless <c>oob_score</c> was set.</summary>
    public double? OobScore { get; }

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        _ = FeatureColumns.Resolve(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        destination.Clear();
        for (var i = 0; i < _members.Length; i++)
            AddMemberPredictions(i, features, destination);
        for (var row = 0; row < destination.Length; row++)
            destination[row] /= _members.Length;
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        double[]? rented = null;
        Span<double> scratch = _scratchLength <= StackLimit ? stackalloc double[_scratchLength] : (rented = ArrayPool<double>.Shared.Rent(_scratchLength));
        try
        {
            var sum = 0.0;
            for (var i = 0; i < _members.Length; i++)
            {
                var row = scratch[.._inputs[i].Length];
                BaggingInputs.Gather(features, _inputs[i], row);
                sum += _members[i].PredictRow(row);
            }
            return sum / _members.Length;
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
        writer.WriteDoubles("oob_score", OobScore is { } score ? [score] : []);
        BaggingInputs.SaveMembers(writer, _members);
    }

    internal static BaggingRegressorModel Load(BundleReader reader)
    {
        var options = BaggingInputs.LoadOptions(reader);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var oobScore = ForestTrainer.ReadOobScore(reader, options.OobScore);
        var members = BaggingInputs.LoadMembers<IPredictor>(reader, options.NEstimators);
        try
        {
            return new BaggingRegressorModel(options, inputs, members, oobScore);
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid(exception.Message);
        }
    }

    // Adds base model `index`'s prediction for every row of `features` to `sums`.
    internal void AddMemberPredictions(int index, Table features, Span<double> sums)
    {
        var predictions = new double[features.RowCount];
        _members[index].Predict(features, predictions);
        for (var row = 0; row < predictions.Length; row++)
            sums[row] += predictions[row];
    }
}
