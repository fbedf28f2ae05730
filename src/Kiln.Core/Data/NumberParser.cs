using System.Globalization;

namespace Kiln.Core.Data;

/// <summary>Parses invariant-culture decimal text to the correctly rounded <see cref="double"/>.</summary>
/// <remarks>
/// Fast path after Clinger (1990), "How to read floating point numbers accurately": a decimal with at most
/// 15 significant digits and a power of ten in [-22, 22] is m × 10^e or m / 10^-e where both operands are
/// exact doubles, so one IEEE operation gives the correctly rounded result. Everything else (long mantissas,
/// large exponents, whitespace, "Infinity", "NaN") goes to <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>,
/// which is also correctly rounded. "inf", "+inf" and "-inf" (any letter case) are accepted as infinities, as pandas does.
/// </remarks>
internal static class NumberParser
{
    private const int MaxExactDigits = 15;
    private const int MaxExactPowerOfTen = 22;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        var length = text.Length;
        var position = 0;
        var isNegative = false;
        if (length == 0)
        {
            value = 0;
            return false;
        }
        var first = text[0];
        if (first == '-')
        {
            isNegative = true;
            position++;
        }
        else if (first == '+')
        {
            position++;
        }

        // Leading zeros are not significant; skipping them first keeps the digit loops free of that test.
        var integerStart = position;
        while (position < length && text[position] == '0')
            position++;
        var sawDigit = position > integerStart;
        ulong mantissa = 0;
        var digitsStart = position;
        while (position < length)
        {
            var digit = (uint)(text[position] - '0');
            if (digit > 9)
                break;
            mantissa = unchecked((mantissa * 10) + digit);
            position++;
        }
        var significantDigits = position - digitsStart;
        sawDigit |= significantDigits > 0;
        var exponent = 0;
        if (position < length && text[position] == '.')
        {
            position++;
            var fractionStart = position;
            if (significantDigits == 0)
            {
                while (position < length && text[position] == '0')
                    position++;
            }
            var fractionDigitsStart = position;
            while (position < length)
            {
                var digit = (uint)(text[position] - '0');
                if (digit > 9)
                    break;
                mantissa = unchecked((mantissa * 10) + digit);
                position++;
            }
            significantDigits += position - fractionDigitsStart;
            exponent = fractionStart - position;
            sawDigit |= position > fractionStart;
        }
        if (!sawDigit || significantDigits > MaxExactDigits)
            return TryParseSlow(text, out value);

        if (position < length)
        {
            if ((text[position] | 0x20) != 'e')
                return TryParseSlow(text, out value);
            position++;
            var exponentIsNegative = false;
            if (position < length && (text[position] == '-' || text[position] == '+'))
            {
                exponentIsNegative = text[position] == '-';
                position++;
            }
            var exponentStart = position;
            var exponentValue = 0;
            while (position < length && exponentValue < 10_000)
            {
                var digit = (uint)(text[position] - '0');
                if (digit > 9)
                    break;
                exponentValue = (exponentValue * 10) + (int)digit;
                position++;
            }
            if (position == exponentStart || position != length)
                return TryParseSlow(text, out value);
            exponent += exponentIsNegative ? -exponentValue : exponentValue;
        }
        if (exponent < -MaxExactPowerOfTen || exponent > MaxExactPowerOfTen)
            return TryParseSlow(text, out value);

        double result = mantissa;
        result = exponent < 0 ? result / PowersOfTen[-exponent] : result * PowersOfTen[exponent];
        value = isNegative ? -result : result;
        return true;
    }

    private static bool TryParseSlow(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return true;
        var trimmed = text.Trim();
        if (trimmed.Equals("inf", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (trimmed.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }
        return false;
    }
}
