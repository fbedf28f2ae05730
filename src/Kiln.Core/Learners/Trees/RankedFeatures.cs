using System.Buffers;
using Kiln.Core.Data;

namespace Kiln.Core.Learners.Trees;

// The training features as trees search them: each value replaced by its dense rank among the feature's distinct values,
// with the distinct values kept to turn a rank boundary back into a threshold. Built once per training set (a forest
// shares one across all its trees) by sorting each feature once; after that a node sorts its rows by integer rank,
// which a radix sort does in one or two passes, and equal ranks are exactly equal values.
internal sealed class RankedFeatures
{
    private RankedFeatures(int rowCount, string[] names, int[][] ranks, double[][] distinctValues)
    {
        RowCount = rowCount;
        Names = names;
        Ranks = ranks;
        DistinctValues = distinctValues;
    }

    public int RowCount { get; }

    public int FeatureCount => Ranks.Length;

    public string[] Names { get; }

    // Ranks[feature][row]: the rank of the row's value among the feature's sorted distinct values.
    public int[][] Ranks { get; }

    // DistinctValues[feature][rank]: the feature's distinct values, ascending.
    public double[][] DistinctValues { get; }

    // Ranks every feature of the set's rows (row i of the result is the set's row i), in parallel over features with
    // pooled scratch buffers. Every feature must be numeric and finite: a missing or infinite value throws, naming the
    // first such column and its first such row, because imputation is the preparation step's job and an infinite value
    // has no midpoint with its neighbour.
    public static RankedFeatures Create(TrainingSet data, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var features = data.Features;
        var rowCount = data.RowCount;
        var featureCount = features.ColumnCount;
        var names = features.Columns.Select(column => column.Name).ToArray();
        var ranks = new int[featureCount][];
        var distinct = new double[featureCount][];
        var problems = new string?[featureCount];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };
        Parallel.For(0, featureCount, options, j =>
        {
            var buffer = ArrayPool<double>.Shared.Rent(rowCount);
            try
            {
                var values = buffer.AsSpan(0, rowCount);
                data.GatherFeature(j, values);
                problems[j] = FindNonFinite(names[j], values, data);
                if (problems[j] is null)
                    (ranks[j], distinct[j]) = Rank(values);
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        });
        if (Array.Find(problems, problem => problem is not null) is { } first)
            throw new SchemaMismatchException(first);
        return new RankedFeatures(rowCount, names, ranks, distinct);
    }

    private static string? FindNonFinite(string name, ReadOnlySpan<double> values, TrainingSet data)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]))
                continue;
            var what = double.IsNaN(values[i]) ? "missing (NaN)" : values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return $"Feature '{name}' is {what} in row {data.SourceRow(i)}; decision trees need a finite value in every feature. " +
                "Impute missing values and replace infinite ones before fitting (the preparation step's imputer does the first).";
        }
        return null;
    }

    // Numbers the distinct values 0, 1, … in ascending order: an LSD radix sort of the values' bits (mapped so that
    // unsigned order is numeric order), 11 bits per pass, skipping passes where every value has the same digit, then one
    // walk that gives equal values one rank (0.0 and −0.0 sort next to each other and compare equal).
    private static (int[] Ranks, double[] Distinct) Rank(Span<double> values)
    {
        const int DigitBits = 11;
        const ulong SignBit = 1UL << 63;
        var rowCount = values.Length;
        var keyBuffers = (ArrayPool<ulong>.Shared.Rent(rowCount), ArrayPool<ulong>.Shared.Rent(rowCount));
        var rowBuffers = (ArrayPool<int>.Shared.Rent(rowCount), ArrayPool<int>.Shared.Rent(rowCount));
        try
        {
            var keys = keyBuffers.Item1.AsSpan(0, rowCount);
            var otherKeys = keyBuffers.Item2.AsSpan(0, rowCount);
            var rows = rowBuffers.Item1.AsSpan(0, rowCount);
            var otherRows = rowBuffers.Item2.AsSpan(0, rowCount);
            for (var i = 0; i < rowCount; i++)
            {
                var bits = BitConverter.DoubleToUInt64Bits(values[i]);
                keys[i] = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
                rows[i] = i;
            }
            Span<int> counts = new int[1 << DigitBits];
            for (var shift = 0; shift < 64; shift += DigitBits)
            {
                counts.Clear();
                foreach (var key in keys)
                    counts[(int)(key >> shift) & ((1 << DigitBits) - 1)]++;
                if (counts.Contains(rowCount))
                    continue;
                var offset = 0;
                for (var digit = 0; digit < counts.Length; digit++)
                {
                    var count = counts[digit];
                    counts[digit] = offset;
                    offset += count;
                }
                for (var i = 0; i < rowCount; i++)
                {
                    var position = counts[(int)(keys[i] >> shift) & ((1 << DigitBits) - 1)]++;
                    otherKeys[position] = keys[i];
                    otherRows[position] = rows[i];
                }
                var swapKeys = keys;
                keys = otherKeys;
                otherKeys = swapKeys;
                var swapRows = rows;
                rows = otherRows;
                otherRows = swapRows;
            }
            var ranks = new int[rowCount];
            var distinctCount = 0;
            for (var i = 0; i < rowCount; i++)
            {
                var key = keys[i];
                var value = BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);
                if (i == 0 || value != values[distinctCount - 1])
                    values[distinctCount++] = value;
                ranks[rows[i]] = distinctCount - 1;
            }
            return (ranks, values[..distinctCount].ToArray());
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keyBuffers.Item1);
            ArrayPool<ulong>.Shared.Return(keyBuffers.Item2);
            ArrayPool<int>.Shared.Return(rowBuffers.Item1);
            ArrayPool<int>.Shared.Return(rowBuffers.Item2);
        }
    }
}
