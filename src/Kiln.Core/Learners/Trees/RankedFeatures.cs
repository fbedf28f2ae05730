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

    // Ranks every feature of the set's rows (row i of the result is the set's row i). Every feature must be numeric and
    // finite: a missing or infinite value throws, naming the column and the row, because imputation is the preparation
    // step's job and an infinite value has no midpoint with its neighbour.
    public static RankedFeatures Create(TrainingSet data, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var features = data.Features;
        var rowCount = data.RowCount;
        var featureCount = features.ColumnCount;
        var names = new string[featureCount];
        var values = new double[featureCount][];
        for (var j = 0; j < featureCount; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            names[j] = features[j].Name;
            values[j] = new double[rowCount];
            data.GatherFeature(j, values[j]);
            CheckFinite(names[j], values[j], data);
        }
        var ranks = new int[featureCount][];
        var distinct = new double[featureCount][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };
        Parallel.For(0, featureCount, options, j => (ranks[j], distinct[j]) = Rank(values[j]));
        return new RankedFeatures(rowCount, names, ranks, distinct);
    }

    private static void CheckFinite(string name, ReadOnlySpan<double> values, TrainingSet data)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]))
                continue;
            var what = double.IsNaN(values[i]) ? "missing (NaN)" : values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            throw new SchemaMismatchException(
                $"Feature '{name}' is {what} in row {data.SourceRow(i)}; decision trees need a finite value in every feature. " +
                "Impute missing values and replace infinite ones before fitting (the preparation step's imputer does the first).");
        }
    }

    // Numbers the distinct values 0, 1, … in ascending order: an LSD radix sort of the values' bits (mapped so that
    // unsigned order is numeric order), 11 bits per pass, skipping passes where every value has the same digit, then one
    // walk that gives equal values one rank (0.0 and −0.0 sort next to each other and compare equal).
    private static (int[] Ranks, double[] Distinct) Rank(double[] values)
    {
        const int DigitBits = 11;
        const ulong SignBit = 1UL << 63;
        var rowCount = values.Length;
        var keys = new ulong[rowCount];
        var rows = new int[rowCount];
        for (var i = 0; i < rowCount; i++)
        {
            var bits = BitConverter.DoubleToUInt64Bits(values[i]);
            keys[i] = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            rows[i] = i;
        }
        var otherKeys = new ulong[rowCount];
        var otherRows = new int[rowCount];
        var counts = new int[1 << DigitBits];
        for (var shift = 0; shift < 64; shift += DigitBits)
        {
            Array.Clear(counts);
            foreach (var key in keys)
                counts[(int)(key >> shift) & ((1 << DigitBits) - 1)]++;
            if (Array.IndexOf(counts, rowCount) >= 0)
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
            (keys, otherKeys) = (otherKeys, keys);
            (rows, otherRows) = (otherRows, rows);
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
        return (ranks, values.AsSpan(0, distinctCount).ToArray());
    }
}
