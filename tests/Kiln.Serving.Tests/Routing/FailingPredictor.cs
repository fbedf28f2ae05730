using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Serving.Tests.Routing;

/// <summary>A predictor whose every prediction throws, standing in for a challenger that breaks on live traffic.</summary>
internal sealed class FailingPredictor(IPredictor inner) : IPredictor
{
    public Schema InputSchema => inner.InputSchema;

    public string Kind => inner.Kind;

    public void Predict(Table features, Span<double> destination) => throw new InvalidOperationException("The challenger broke.");

    public double PredictRow(ReadOnlySpan<double> features) => throw new InvalidOperationException("The challenger broke.");

    public void Save(BundleWriter writer) => throw new NotSupportedException("A test predictor is not saved.");
}
