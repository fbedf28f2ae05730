using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners.Baseline;

// The weight schemes of tests/reference/dummy.py, rebuilt from the same formulas.
internal static class ReferenceWeights
{
    public static TrainingSet Apply(TrainingSet data, string scheme)
    {
        var count = data.RowCount;
        double[]? weights = scheme switch
        {
            "none" => null,
            "integer" => [.. Enumerable.Range(0, count).Select(row => (double)(row % 4))],
            "fractional" => [.. Enumerable.Range(0, count).Select(row => 0.25 + (((row * 37) % 11) / 4.0))],
            _ => throw new ArgumentException($"Unknown weight scheme '{scheme}'.", nameof(scheme)),
        };
        return weights is null ? data : new TrainingSet(data.Features, data.Target, NumericColumn.FromOwned("weight", weights));
    }
}
