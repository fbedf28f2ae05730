using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Baseline;

/// <summary>A fitted <see cref="DummyRegressor"/>: one value, predicted for every row.</summary>
public sealed class DummyRegressorModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "dummy_regressor";

    internal DummyRegressorModel(DummyRegressorOptions options, Schema inputSchema, double value)
    {
        Options = options;
        InputSchema = inputSchema;
        Value = value;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public DummyRegressorOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The value predicted for every row: the target's mean, median, quantile, or the constant.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        _ = FeatureColumns.Resolve(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        destination.Fill(Value);
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        return Value;
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new DummyRegressorState(Options.Strategy, Options.Quantile, Options.Constant));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("value", [Value]);
    }

    internal static DummyRegressorModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<DummyRegressorState>("options");
        var options = new DummyRegressorOptions { Strategy = state.Strategy, Quantile = state.Quantile, Constant = state.Constant };
        DummyRegressor.Validate(options);
        var inputs = NumericInputs.Load(reader, requireColumns: false);
        var value = reader.ReadFiniteDoubles("value", expectedLength: 1)[0];
        return new DummyRegressorModel(options, inputs, value);
    }
}
