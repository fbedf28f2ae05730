using System.Numerics.Tensors;
using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

// Pearson correlations over pairwise-complete rows, as pandas' DataFrame.corr(). Each column is shifted by its own mean, so the
// one-pass sums below lose no precision to cancellation; every pair's six sums (n, Σx, Σy, Σx², Σy², Σxy over the rows where
// both are finite) are SIMD dot products over chunks of rows, with missing values zeroed and masked. Rows are cut into a fixed
// number of blocks whose sums are added in block order, so the result does not depend on how many threads ran.
internal static class CorrelationCalculator
{
    private const int ChunkRows = 4096;
    private const int MaxBlocks = 16;

    public static CorrelationMatrix Compute(IReadOnlyList<NumericColumn> columns, IReadOnlyList<double> shifts, int maxDegreeOfParallelism)
    {
        var columnCount = columns.Count;
        var rowCount = columnCount == 0 ? 0 : columns[0].Length;
        var hasMissing = new bool[columnCount];
        var finiteCounts = new int[columnCount];
        for (var j = 0; j < columnCount; j++)
        {
            var finite = 0;
            foreach (var value in columns[j].Values)
            {
                if (double.IsFinite(value))
                    finite++;
            }
            finiteCounts[j] = finite;
            hasMissing[j] = finite < rowCount;
        }

        var pairCount = columnCount * (columnCount - 1) / 2;
        var chunkCount = (rowCount + ChunkRows - 1) / ChunkRows;
        var blockCount = Math.Min(MaxBlocks, chunkCount);
        var blockSums = new PairSums[blockCount][];
        Parallel.For(0, blockCount, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, block =>
        {
            var firstChunk = (int)((long)chunkCount * block / blockCount);
            var endChunk = (int)((long)chunkCount * (block + 1) / blockCount);
            blockSums[block] = SumBlock(columns, shifts, hasMissing, firstChunk * ChunkRows, Math.Min(endChunk * ChunkRows, rowCount), pairCount);
        });

        var totals = new PairSums[pairCount];
        foreach (var sums in blockSums)
        {
            for (var pair = 0; pair < pairCount; pair++)
                totals[pair].Add(sums[pair]);
        }

        var matrix = new double[columnCount][];
        for (var i = 0; i < columnCount; i++)
            matrix[i] = new double[columnCount];
        var index = 0;
        for (var i = 0; i < columnCount; i++)
        {
            for (var j = i + 1; j < columnCount; j++)
            {
                var r = totals[index++].Correlation();
                matrix[i][j] = r;
                matrix[j][i] = r;
            }
        }
        // The diagonal is 1 for a column that varies over at least two finite values, NaN otherwise (as pandas).
        for (var i = 0; i < columnCount; i++)
            matrix[i][i] = finiteCounts[i] >= 2 && Varies(columns[i].Values) ? 1.0 : double.NaN;

        var names = new string[columnCount];
        for (var i = 0; i < columnCount; i++)
            names[i] = columns[i].Name;
        return new CorrelationMatrix { Columns = names, Values = matrix };
    }

    private static PairSums[] SumBlock(IReadOnlyList<NumericColumn> columns, IReadOnlyList<double> shifts, bool[] hasMissing, int start, int end, int pairCount)
    {
        var columnCount = columns.Count;
        var sums = new PairSums[pairCount];
        var centred = new double[columnCount][];
        var squares = new double[columnCount][];
        var masks = new double[columnCount][];
        var chunkSums = new double[columnCount];
        var chunkSquares = new double[columnCount];
        var chunkCounts = new int[columnCount];
        for (var j = 0; j < columnCount; j++)
        {
            centred[j] = new double[ChunkRows];
            squares[j] = new double[ChunkRows];
            masks[j] = hasMissing[j] ? new double[ChunkRows] : [];
        }

        for (var chunkStart = start; chunkStart < end; chunkStart += ChunkRows)
        {
            var length = Math.Min(ChunkRows, end - chunkStart);
            for (var j = 0; j < columnCount; j++)
            {
                var source = columns[j].Values.Slice(chunkStart, length);
                var shift = shifts[j];
                var x = centred[j].AsSpan(0, length);
                var count = 0;
                if (hasMissing[j])
                {
                    var mask = masks[j].AsSpan(0, length);
                    for (var i = 0; i < length; i++)
                    {
                        var finite = double.IsFinite(source[i]);
                        x[i] = finite ? source[i] - shift : 0;
                        mask[i] = finite ? 1 : 0;
                        count += finite ? 1 : 0;
                    }
                }
                else
                {
                    TensorPrimitives.Subtract(source, shift, x);
                    count = length;
                }
                TensorPrimitives.Multiply(x, x, squares[j].AsSpan(0, length));
                chunkSums[j] = TensorPrimitives.Sum<double>(x);
                chunkSquares[j] = TensorPrimitives.Sum<double>(squares[j].AsSpan(0, length));
                chunkCounts[j] = count;
            }

            var pair = 0;
            for (var i = 0; i < columnCount; i++)
            {
                var xi = centred[i].AsSpan(0, length);
                for (var j = i + 1; j < columnCount; j++, pair++)
                {
                    var xj = centred[j].AsSpan(0, length);
                    ref var s = ref sums[pair];
                    s.Products += TensorPrimitives.Dot(xi, xj);
                    // Each column's sums count only the rows where the other column is finite too.
                    if (hasMissing[j])
                    {
                        var maskJ = masks[j].AsSpan(0, length);
                        s.SumFirst += TensorPrimitives.Dot(xi, maskJ);
                        s.SquaresFirst += TensorPrimitives.Dot(squares[i].AsSpan(0, length), maskJ);
                        s.Rows += hasMissing[i] ? TensorPrimitives.Dot(masks[i].AsSpan(0, length), maskJ) : chunkCounts[j];
                    }
                    else
                    {
                        s.SumFirst += chunkSums[i];
                        s.SquaresFirst += chunkSquares[i];
                        s.Rows += chunkCounts[i];
                    }
                    if (hasMissing[i])
                    {
                        var maskI = masks[i].AsSpan(0, length);
                        s.SumSecond += TensorPrimitives.Dot(xj, maskI);
                        s.SquaresSecond += TensorPrimitives.Dot(squares[j].AsSpan(0, length), maskI);
                    }
                    else
                    {
                        s.SumSecond += chunkSums[j];
                        s.SquaresSecond += chunkSquares[j];
                    }
                }
            }
        }
        return sums;
    }

    private static bool Varies(ReadOnlySpan<double> values)
    {
        var first = double.NaN;
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
                continue;
            if (double.IsNaN(first))
                first = value;
            else if (value != first)
                return true;
        }
        return false;
    }

    // The sums of one pair over the rows where both columns are finite (values shifted by each column's mean).
    private struct PairSums
    {
        public double Rows;
        public double SumFirst;
        public double SumSecond;
        public double SquaresFirst;
        public double SquaresSecond;
        public double Products;

        public void Add(PairSums other)
        {
            Rows += other.Rows;
            SumFirst += other.SumFirst;
            SumSecond += other.SumSecond;
            SquaresFirst += other.SquaresFirst;
            SquaresSecond += other.SquaresSecond;
            Products += other.Products;
        }

        // NaN with fewer than two rows, or when a column is constant over them (its variance below 1e-12 of its second moment
        // about the shift is rounding, not variation).
        public readonly double Correlation()
        {
            if (Rows < 2)
                return double.NaN;
            var varianceFirst = SquaresFirst - (SumFirst * SumFirst / Rows);
            var varianceSecond = SquaresSecond - (SumSecond * SumSecond / Rows);
            if (!(varianceFirst > 1e-12 * SquaresFirst) || !(varianceSecond > 1e-12 * SquaresSecond))
                return double.NaN;
            var covariance = Products - (SumFirst * SumSecond / Rows);
            return Math.Clamp(covariance / Math.Sqrt(varianceFirst * varianceSecond), -1, 1);
        }
    }
}
