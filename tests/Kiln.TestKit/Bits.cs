namespace Kiln.TestKit;

/// <summary>Bit-for-bit comparison of doubles: NaN payloads, −0.0 and every last bit count.</summary>
public static class Bits
{
    /// <summary>Asserts that <paramref name="actual"/> holds exactly the bits of <paramref name="expected"/>, naming the first difference.</summary>
    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Xunit.Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}.");
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Xunit.Assert.Fail($"{what}: value {i} differs: expected {expected[i]:R} (0x{BitConverter.DoubleToInt64Bits(expected[i]):X16}), got {actual[i]:R} (0x{BitConverter.DoubleToInt64Bits(actual[i]):X16}).");
        }
    }
}
