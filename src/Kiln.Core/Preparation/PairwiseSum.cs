namespace Kiln.Core.Preparation;

// NumPy's pairwise summation of float64 (numpy/core/src/umath/loops_utils.h, pairwise_sum_DOUBLE), which np.sum uses
// along a contiguous axis: fewer than 8 values are added in order; up to 128 go to eight running sums combined as a tree;
// longer runs are split in two at a multiple of 8. The reduction itself starts from 0 and feeds the values in chunks of
// NumPy's buffer size (8192), each summed pairwise. Reproducing it operation for operation makes Kiln's means and
// variances the bits scikit-learn computes (its column statistics reduce contiguous columns), not merely close to them.
internal static class PairwiseSum
{
    private const int BlockSize = 128;
    private const int BufferSize = 8192;

    public static double Sum(ReadOnlySpan<double> values)
    {
        var result = 0.0;
        for (var start = 0; start < values.Length; start += BufferSize)
            result += Pairwise(values.Slice(start, Math.Min(BufferSize, values.Length - start)));
        return result;
    }

    private static double Pairwise(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 8)
        {
            var result = 0.0;
            for (var i = 0; i < n; i++)
                result += values[i];
            return result;
        }
        if (n <= BlockSize)
        {
            double r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            double r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += values[i];
                r1 += values[i + 1];
                r2 += values[i + 2];
                r3 += values[i + 3];
                r4 += values[i + 4];
                r5 += values[i + 5];
                r6 += values[i + 6];
                r7 += values[i + 7];
            }
            var sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
                sum += values[i];
            return sum;
        }
        var half = n / 2;
        half -= half % 8;
        return Pairwise(values[..half]) + Pairwise(values[half..]);
    }
}
