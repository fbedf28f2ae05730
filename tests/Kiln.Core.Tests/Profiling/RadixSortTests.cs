using Kiln.Core.Profiling;

namespace Kiln.Core.Tests.Profiling;

public sealed class RadixSortTests
{
    [Theory]
    [InlineData(10, 1ul)]
    [InlineData(5_000, 2ul)]
    [InlineData(70_000, 3ul)]
    public void Sort_MixedValues_OrdersAsArraySortAndKeepsItemsStable(int count, ulong seed)
    {
        var random = new KilnRandom(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (i % 7) switch
            {
                0 => -1e300 * random.NextDouble(),
                1 => 0.0,
                2 => -0.0,
                3 => double.Epsilon * random.NextInt32(5),
                4 => Math.Round(random.NextGaussian(), 1),
                5 => -double.Epsilon * random.NextInt32(5),
                _ => 1e10 * random.NextGaussian(),
            };
        }
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        var sorted = (double[])values.Clone();
        var items = Enumerable.Range(0, count).ToArray();

        RadixSort.Sort(sorted, items);

        for (var i = 0; i < count; i++)
        {
            Assert.True(expected[i] == sorted[i], $"Position {i}: Array.Sort gives {expected[i]:R}, radix sort {sorted[i]:R}.");
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[items[i]]), BitConverter.DoubleToInt64Bits(sorted[i]));
            if (i > 0 && sorted[i] == sorted[i - 1] && double.IsNegative(sorted[i]) == double.IsNegative(sorted[i - 1]))
                Assert.True(items[i] > items[i - 1], $"Equal values at {i - 1} and {i} left their original order.");
        }
    }

    [Fact]
    public void Sort_WithoutItems_SortsValues()
    {
        var random = new KilnRandom(4);
        var values = new double[10_000];
        for (var i = 0; i < values.Length; i++)
            values[i] = random.NextGaussian();
        var expected = (double[])values.Clone();
        Array.Sort(expected);

        RadixSort.Sort(values);

        Assert.Equal(expected, values);
    }
}
