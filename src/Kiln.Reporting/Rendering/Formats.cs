using System.Globalization;

namespace Kiln.Reporting.Rendering;

// How the report writes numbers: 4 significant digits, thousands separators, scientific notation only for very
// small or very large magnitudes, and one mark for a missing value. Invariant culture, so a report reads the same everywhere.
internal static class Formats
{
    public const string Missing = "\u2014";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A measurement with 4 significant digits: 0.9500, 12.35, 1234, 12,346; 1.235e-05 and 1.235e+09 outside [1e-4, 1e9).
    /// Thousands separators from 10,000 up, so that years and four-digit values read as usual.
    /// </summary>
    public static string Number(double value) => Decimals(value) is { } decimals ? Fixed(value, decimals) : Special(value);

    /// <summary>A mean with 4 significant digits and its standard deviation to the same decimals: "0.9467 ± 0.0123".</summary>
    /// <remarks>A deviation that would round to zero at those decimals gets 2 significant digits instead; a missing one is left out.</remarks>
    public static string MeanStd(double mean, double standardDeviation)
    {
        if (double.IsNaN(standardDeviation))
            return Number(mean);
        var deviation = Math.Abs(standardDeviation);
        var decimals = Decimals(mean);
        string deviationText;
        if (decimals is { } places && double.IsFinite(deviation) && (deviation == 0 || Math.Round(deviation, places) > 0))
            deviationText = Fixed(deviation, places);
        else if (deviation > 0 && deviation < 1e9 && double.IsFinite(deviation) && Decimals(deviation) is not null)
            deviationText = Fixed(deviation, Math.Clamp(1 - (int)Math.Floor(Math.Log10(deviation)), 0, 12));
        else
            deviationText = Number(deviation);
        return $"{Number(mean)} \u00B1 {deviationText}";
    }

    // The decimals that give 4 significant digits, or null where scientific notation or a symbol is used instead.
    private static int? Decimals(double value)
    {
        if (!double.IsFinite(value))
            return null;
        if (value == 0)
            return 0;
        var magnitude = Math.Abs(value);
        if (magnitude < 1e-4 || magnitude >= 1e9)
            return null;
        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var decimals = Math.Clamp(3 - exponent, 0, 7);
        // 9.99996 rounds up to 10.000: one decimal fewer keeps 4 significant digits.
        if (decimals > 0 && Math.Abs(Math.Round(value, decimals, MidpointRounding.AwayFromZero)) >= Math.Pow(10, exponent + 1))
            decimals--;
        return decimals;
    }

    private static string Fixed(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var format = (Math.Abs(rounded) >= 10_000 ? "N" : "F") + decimals.ToString(Invariant);
        return rounded.ToString(format, Invariant);
    }

    private static string Special(double value) => value switch
    {
        double.NaN => Missing,
        double.PositiveInfinity => "\u221E",
        double.NegativeInfinity => "\u2212\u221E",
        _ => value.ToString("0.000e+00", Invariant),
    };

    /// <summary>A count with thousands separators: 1,234,567.</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A share of a whole as a percentage with one decimal: 12.3%; "&lt;0.1%" for a small share above zero.</summary>
    public static string Share(double fraction)
    {
        if (double.IsNaN(fraction) || double.IsInfinity(fraction))
            return Missing;
        if (fraction == 0)
            return "0%";
        if (fraction == 1)
            return "100%";
        if (fraction > 0 && fraction < 0.0005)
            return "<0.1%";
        return (fraction * 100).ToString("0.0", Invariant) + "%";
    }

    /// <summary>A count and its share of <paramref name="total"/>: "12 (3.4%)"; just the count when the total is not positive.</summary>
    public static string CountWithShare(long count, long total) =>
        total > 0 ? $"{Count(count)} ({Share((double)count / total)})" : Count(count);


    /// <summary>A tick label on a plot axis: the shortest text of the tick's value, thousands separators from 10,000 up.</summary>
    public static string Tick(double value)
    {
        if (value == 0)
            return "0";
        if (Math.Abs(value) >= 10_000 && Math.Abs(value) < 1e15 && value == Math.Round(value))
            return value.ToString("N0", Invariant);
        // Ticks are multiples of a step computed in floating point: ten digits drop the noise (0.30000000000000004).
        return value.ToString("G10", Invariant);
    }

    /// <summary>An instant in UTC: 2025-01-31 08:00:00 UTC.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    /// <summary>A duration for people: 0.42 s, 12.3 s, 4 min 05 s, 2 h 03 min.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            return Missing;
        if (duration.TotalSeconds < 1)
            return duration.TotalSeconds.ToString("0.00", Invariant) + " s";
        if (duration.TotalSeconds < 60)
            return duration.TotalSeconds.ToString("0.0", Invariant) + " s";
        if (duration.TotalHours < 1)
            return $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s";
        return $"{(int)duration.TotalHours} h {duration.Minutes:00} min";
    }
}
