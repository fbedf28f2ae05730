using Kiln.Core.Data;

namespace Kiln.Core.Learners.Baseline;

// The random draw of the stratified and uniform baselines, as a pure function of (seed, the row's feature values).
//
// scikit-learn draws afresh on every predict call, so its predictions depend on how rows are batched. Kiln models must
// give the same answer for a row whether it comes alone (PredictRow, serving) or in a batch, on any thread, without
// allocating, and save/load must not change it. So the draw is a hash: each feature value, in input-schema order, is
// folded into the seed with Seeds.Derive (SplitMix64's finaliser), and the top 53 bits give a number in [0, 1).
// Identical rows get identical classes; across distinct rows the classes follow the intended distribution.
// -0.0 is hashed as 0.0 and every NaN alike, so equal-looking rows draw alike.
internal static class RowDraw
{
    private const ulong CanonicalNaN = 0x7FF8000000000000UL;

    public static double Uniform(ulong seed, ReadOnlySpan<double> row)
    {
        var state = seed;
        for (var j = 0; j < row.Length; j++)
            state = Mix(state, row[j], j);
        return Finish(state, row.Length);
    }

    public static double[] Uniform(ulong seed, NumericColumn[] columns, int rowCount)
    {
        var states = new ulong[rowCount];
        states.AsSpan().Fill(seed);
        for (var j = 0; j < columns.Length; j++)
        {
            var values = columns[j].Values;
            for (var row = 0; row < states.Length; row++)
                states[row] = Mix(states[row], values[row], j);
        }
        var draws = new double[rowCount];
        for (var row = 0; row < draws.Length; row++)
            draws[row] = Finish(states[row], columns.Length);
        return draws;
    }

    private static ulong Mix(ulong state, double value, int index)
    {
        var bits = double.IsNaN(value) ? CanonicalNaN : (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return Seeds.Derive(state ^ bits, index);
    }

    private static double Finish(ulong state, int featureCount) => (Seeds.Derive(state, featureCount) >> 11) * (1.0 / (1UL << 53));
}
