using System.Globalization;

namespace Kiln.Core.Data;

/// <summary>Parses ISO-8601 dates and timestamps to UTC ticks.</summary>
/// <remarks>
/// Accepted: <c>yyyy-MM-dd</c>, and <c>yyyy-MM-dd</c> followed by <c>T</c> or a space and <c>HH:mm</c>, <c>HH:mm:ss</c> or
/// <c>HH:mm:ss.fffffff</c> (1 to 7 fraction digits), optionally ending in <c>Z</c> or an offset such as <c>+02:00</c>.
/// A timestamp without an offset is taken as UTC; one with an offset is converted to UTC.
/// </remarks>
internal static class IsoDateParser
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(ReadOnlySpan<char> text, out long utcTicks)
    {
        // Cheap shape test first: most cells tried here during inference are not dates at all.
        if (text.Length < 10 || text[4] != '-' || text[7] != '-' || !char.IsAsciiDigit(text[0]))
        {
            utcTicks = 0;
            return false;
        }
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            utcTicks = parsed.UtcTicks;
            return true;
        }
        utcTicks = 0;
        return false;
    }
}
