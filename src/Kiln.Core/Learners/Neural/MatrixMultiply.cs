using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kiln.Core.Learners.Neural;

// C += A · B in float64 for the network's layers, cache-blocked with a 4 × 8 register tile (Goto and van de Geijn, 2008,
// without packing: the layers are small enough that B's block stays in L2). B and C are row-major with leading dimensions;
// A is addressed through two strides, so A (row stride lda, inner stride 1) and Aᵀ (row stride 1, inner stride lda) use the
// same kernel without a copy. Every element of C adds its products in increasing inner index, whatever the blocking or the
// thread count, so results never depend on MaxDegreeOfParallelism.
internal static class MatrixMultiply
{
    private const int InnerBlock = 256;
    private const int ColumnBlock = 128;
    private const int TileRows = 4;
    private const int TileColumns = 8;

    // Below this many multiply-adds a product runs on the calling thread: for smaller products (the default 200-row batches
    // of a 100-neuron layer are 1M) a parallel loop per product cost more than it saved on a busy 2-core machine.
    private const long ParallelWork = 1L << 22;

    // C[m × n] += A[m × k] · B[k × n], where A[r, t] = a[r · aRowStride + t · aInnerStride].
    public static void MultiplyAdd(
        ReadOnlyMemory<double> a, int aRowStride, int aInnerStride,
        ReadOnlyMemory<double> b, int ldb,
        Memory<double> c, int ldc,
        int m, int k, int n, int maxDegreeOfParallelism)
    {
        if (m == 0 || n == 0 || k == 0)
            return;
        var work = (long)m * n * k;
        var tiles = (m + TileRows - 1) / TileRows;
        var workers = Math.Min(maxDegreeOfParallelism, tiles);
        if (work < ParallelWork || workers < 2)
        {
            MultiplyRows(a.Span, aRowStride, aInnerStride, b.Span, ldb, c.Span, ldc, 0, m, k, n);
            return;
        }
        // Split the rows of C into tile-aligned slices, one per worker: each element is still computed by one thread in
        // the same order, so the result is the same for any worker count.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var first = (int)((long)tiles * worker / workers) * TileRows;
            var last = Math.Min(m, (int)((long)tiles * (worker + 1) / workers) * TileRows);
            MultiplyRows(a.Span, aRowStride, aInnerStride, b.Span, ldb, c.Span, ldc, first, last, k, n);
        });
    }

    // Optimised from the first call: an epoch runs these loops thousands of times, too early for tiered compilation to help.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRows(
        ReadOnlySpan<double> a, int aRowStride, int aInnerStride,
        ReadOnlySpan<double> b, int ldb,
        Span<double> c, int ldc,
        int firstRow, int lastRow, int k, int n)
    {
        if (n == 1 && aInnerStride == 1)
        {
            // One output column (a binary or regression output layer): each element is a contiguous dot product.
            for (var row = firstRow; row < lastRow; row++)
                c[row * ldc] += DotStrided(a.Slice(row * aRowStride), b, ldb, k);
            return;
        }
        var vectorized = Vector256.IsHardwareAccelerated;
        for (var innerStart = 0; innerStart < k; innerStart += InnerBlock)
        {
            var innerCount = Math.Min(InnerBlock, k - innerStart);
            for (var columnStart = 0; columnStart < n; columnStart += ColumnBlock)
            {
                var columnEnd = Math.Min(n, columnStart + ColumnBlock);
                var row = firstRow;
                for (; row + TileRows <= lastRow; row += TileRows)
                {
                    var column = columnStart;
                    if (vectorized)
                    {
                        for (; column + TileColumns <= columnEnd; column += TileColumns)
                            Tile(a, aRowStride, aInnerStride, b, ldb, c, ldc, row, column, innerStart, innerCount);
                    }
                    for (; column < columnEnd; column++)
                        EdgeColumn(a, aRowStride, aInnerStride, b, ldb, c, ldc, row, TileRows, column, innerStart, innerCount);
                }
                for (; row < lastRow; row++)
                {
                    for (var column = columnStart; column < columnEnd; column++)
                        EdgeColumn(a, aRowStride, aInnerStride, b, ldb, c, ldc, row, 1, column, innerStart, innerCount);
                }
            }
        }
    }

    private static double DotStrided(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int ldb, int k)
    {
        if (ldb == 1)
            return TensorPrimitives.Dot(a[..k], b[..k]);
        var sum = 0.0;
        for (var t = 0; t < k; t++)
            sum += a[t] * b[t * ldb];
        return sum;
    }

    // The 4 × 8 tile of C at (row, column): eight 256-bit accumulators stay in registers over the inner block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(
        ReadOnlySpan<double> a, int aRowStride, int aInnerStride,
        ReadOnlySpan<double> b, int ldb,
        Span<double> c, int ldc,
        int row, int column, int innerStart, int innerCount)
    {
        ref var aBase = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), (row * aRowStride) + (innerStart * aInnerStride));
        ref var bBase = ref Unsafe.Add(ref MemoryMarshal.GetReference(b), (innerStart * ldb) + column);
        ref var cBase = ref Unsafe.Add(ref MemoryMarshal.GetReference(c), (row * ldc) + column);
        // Bounds: the caller keeps row + 3 < m, column + 7 < n and the inner block inside k, so every address below is in range.
        _ = a[((row + TileRows - 1) * aRowStride) + ((innerStart + innerCount - 1) * aInnerStride)];
        _ = b[((innerStart + innerCount - 1) * ldb) + column + TileColumns - 1];
        _ = c[((row + TileRows - 1) * ldc) + column + TileColumns - 1];
        var c00 = Vector256.LoadUnsafe(ref cBase);
        var c01 = Vector256.LoadUnsafe(ref cBase, 4);
        var c10 = Vector256.LoadUnsafe(ref cBase, (nuint)ldc);
        var c11 = Vector256.LoadUnsafe(ref cBase, (nuint)ldc + 4);
        var c20 = Vector256.LoadUnsafe(ref cBase, (nuint)(2 * ldc));
        var c21 = Vector256.LoadUnsafe(ref cBase, (nuint)(2 * ldc) + 4);
        var c30 = Vector256.LoadUnsafe(ref cBase, (nuint)(3 * ldc));
        var c31 = Vector256.LoadUnsafe(ref cBase, (nuint)(3 * ldc) + 4);
        var r1 = aRowStride;
        var r2 = 2 * aRowStride;
        var r3 = 3 * aRowStride;
        for (var t = 0; t < innerCount; t++)
        {
            ref var bRow = ref Unsafe.Add(ref bBase, t * ldb);
            var b0 = Vector256.LoadUnsafe(ref bRow);
            var b1 = Vector256.LoadUnsafe(ref bRow, 4);
            ref var aColumn = ref Unsafe.Add(ref aBase, t * aInnerStride);
            var a0 = Vector256.Create(aColumn);
            var a1 = Vector256.Create(Unsafe.Add(ref aColumn, r1));
            var a2 = Vector256.Create(Unsafe.Add(ref aColumn, r2));
            var a3 = Vector256.Create(Unsafe.Add(ref aColumn, r3));
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
        }
        c00.StoreUnsafe(ref cBase);
        c01.StoreUnsafe(ref cBase, 4);
        c10.StoreUnsafe(ref cBase, (nuint)ldc);
        c11.StoreUnsafe(ref cBase, (nuint)ldc + 4);
        c20.StoreUnsafe(ref cBase, (nuint)(2 * ldc));
        c21.StoreUnsafe(ref cBase, (nuint)(2 * ldc) + 4);
        c30.StoreUnsafe(ref cBase, (nuint)(3 * ldc));
        c31.StoreUnsafe(ref cBase, (nuint)(3 * ldc) + 4);
    }

    // One column of `rows` rows of C (the edges the tiles do not cover), with the same fused multiply-adds in the same order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EdgeColumn(
        ReadOnlySpan<double> a, int aRowStride, int aInnerStride,
        ReadOnlySpan<double> b, int ldb,
        Span<double> c, int ldc,
        int row, int rows, int column, int innerStart, int innerCount)
    {
        for (var r = 0; r < rows; r++)
        {
            var sum = c[((row + r) * ldc) + column];
            var aOffset = ((row + r) * aRowStride) + (innerStart * aInnerStride);
            var bOffset = (innerStart * ldb) + column;
            for (var t = 0; t < innerCount; t++)
                sum = Math.FusedMultiplyAdd(a[aOffset + (t * aInnerStride)], b[bOffset + (t * ldb)], sum);
            c[((row + r) * ldc) + column] = sum;
        }
    }
}
