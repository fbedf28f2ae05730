using System.Numerics.Tensors;
using Kiln.Core.Data;

namespace Kiln.Core.Learners.Linear;

// b + Σⱼ wⱼ·xⱼ over a table (column by column, vectorized) or over one row, adding the terms in the same order with
// the same unfused operations, so both give the same bits.
internal sealed class LinearFunction
{
    private readonly double[] _coefficients;

    public LinearFunction(Schema inputSchema, double[] coefficients, double intercept)
    {
        InputSchema = inputSchema;
        _coefficients = coefficients;
        Intercept = intercept;
    }

    public Schema InputSchema { get; }

    public double Intercept { get; }

    public ReadOnlySpan<double> Coefficients => _coefficients;

    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = FeatureColumns.Resolve(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        destination.Fill(Intercept);
        for (var j = 0; j < columns.Length; j++)
            TensorPrimitives.MultiplyAdd(columns[j].Values, _coefficients[j], destination, destination);
    }

    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        var value = Intercept;
        for (var j = 0; j < _coefficients.Length; j++)
            value = (features[j] * _coefficients[j]) + value;
        return value;
    }
}
