using System.Buffers;

namespace Kiln.Core.Profiling;

// Sorts finite doubles ascending (optionally carrying an int per value) by least-significant-digit radix sort on byte digits of
// an order-preserving 64-bit key: positive values get the sign bit set, negative values have every bit flipped (Knuth, TAOCP
// vol. 3, §5.2.5; the float-to-key mapping is the usual IEEE 754 trick). Passes whose digit is the same for every value are
// skipped, so values of one sign and a narrow range take about six passes. It is stable, and several times faster than
// introsort on the large columns a profile sees; small inputs use the span sort. -0.0 sorts before 0.0 (they compare equal).
internal static class RadixSort
{
    private const int SmallInput = 2048;
    private const int Digits = 8;
    private const int Buckets = 256;

    public static void Sort(Span<double> values) => Sort(values, []);

    // Sorts values, moving items[i] with values[i]; items is empty, or as long as values.
    public static void Sort(Span<double> values, Span<int> items)
    {
        var withItems = !items.IsEmpty;
        if (values.Length < SmallInput)
        {
            if (withItems)
                values.Sort(items);
            else
                values.Sort();
            return;
        }

        var count = values.Length;
        var keys = ArrayPool<ulong>.Shared.Rent(count);
        var keysSwap = ArrayPool<ulong>.Shared.Rent(count);
        var itemsSource = withItems ? ArrayPool<int>.Shared.Rent(count) : null;
        var itemsSwap = withItems ? ArrayPool<int>.Shared.Rent(count) : null;
        var histograms = new int[Digits * Buckets];
        try
        {
            for (var i = 0; i < count; i++)
            {
                var key = ToKey(values[i]);
                keys[i] = key;
                for (var digit = 0; digit < Digits; digit++)
                    histograms[(digit * Buckets) + (int)((key >> (8 * digit)) & 0xFF)]++;
            }
            if (withItems)
                items.CopyTo(itemsSource);

            var offsets = new int[Buckets];
            for (var digit = 0; digit < Digits; digit++)
            {
                var histogram = histograms.AsSpan(digit * Buckets, Buckets);
                if (histogram.Contains(count))
                    continue;
                var running = 0;
                for (var bucket = 0; bucket < Buckets; bucket++)
                {
                    offsets[bucket] = running;
                    running += histogram[bucket];
                }
                var shift = 8 * digit;
                if (withItems)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var key = keys[i];
                        var position = offsets[(int)((key >> shift) & 0xFF)]++;
                        keysSwap[position] = key;
                        itemsSwap![position] = itemsSource![i];
                    }
                    (itemsSource, itemsSwap) = (itemsSwap, itemsSource);
                }
                else
                {
                    for (var i = 0; i < count; i++)
                    {
                        var key = keys[i];
                        keysSwap[offsets[(int)((key >> shift) & 0xFF)]++] = key;
                    }
                }
                (keys, keysSwap) = (keysSwap, keys);
            }

            for (var i = 0; i < count; i++)
                values[i] = FromKey(keys[i]);
            if (withItems)
                itemsSource.AsSpan(0, count).CopyTo(items);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(keysSwap);
            if (itemsSource is not null)
                ArrayPool<int>.Shared.Return(itemsSource);
            if (itemsSwap is not null)
                ArrayPool<int>.Shared.Return(itemsSwap);
        }
    }

    private static ulong ToKey(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000000000000000UL) != 0 ? ~bits : bits | 0x8000000000000000UL;
    }

    private static double FromKey(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & 0x8000000000000000UL) != 0 ? key & 0x7FFFFFFFFFFFFFFFUL : ~key));
}
