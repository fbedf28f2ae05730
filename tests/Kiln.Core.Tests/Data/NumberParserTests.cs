using System.Globalization;
using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class NumberParserTests
{
    [Theory]
    [InlineData("0.1")]
    [InlineData("-0.000304717")]
    [InlineData("123456789012345e-22")]
    [InlineData("9007199254740993")]
    [InlineData("1e22")]
    [InlineData("1e23")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("4.9e-324")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1e400")]
    [InlineData("0.30000000000000004")]
    [InlineData("00012.5000")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("1E+05")]
    public void TryParse_HardCases_MatchesRuntimeParser(string text)
    {
        // double.Parse is correctly rounded (IEEE 754 round-to-nearest-even), so it is the reference.
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        Assert.True(NumberParser.TryParse(text, out var actual));

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    [InlineData("1.5f")]
    [InlineData("abc")]
    [InlineData("1 2")]
    public void TryParse_NotANumber_ReturnsFalse(string text)
    {
        Assert.False(NumberParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData(1ul)]
    [InlineData(2ul)]
    [InlineData(3ul)]
    public void TryParse_RandomDecimalStrings_MatchRuntimeParserBitForBit(ulong seed)
    {
        var random = new KilnRandom(seed);
        var buffer = new char[40];
        for (var i = 0; i < 20_000; i++)
        {
            var length = 0;
            if (random.NextInt32(3) == 0)
                buffer[length++] = '-';
            var digits = 1 + random.NextInt32(19);
            var point = random.NextInt32(digits + 1);
            for (var d = 0; d < digits; d++)
            {
                if (d == point && d > 0)
                    buffer[length++] = '.';
                buffer[length++] = (char)('0' + random.NextInt32(10));
            }
            if (random.NextInt32(2) == 0)
            {
                buffer[length++] = 'e';
                var exponent = random.NextInt32(-40, 41);
                exponent.TryFormat(buffer.AsSpan(length), out var written, provider: CultureInfo.InvariantCulture);
                length += written;
            }
            var text = new string(buffer, 0, length);
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

            Assert.True(NumberParser.TryParse(text, out var actual), text);

            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{text}: expected {expected:R}, got {actual:R}");
        }
    }
}
