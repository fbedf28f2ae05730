using System.Globalization;

namespace Kiln.Reporting.Rendering;

// How the report writes numbers: 4 significant digits, thousands separators, scientific notation only for very
// small or very large magnitudes, and one mark for a missing value. Invariant culture, so a report reads the same everywhere.
internal static class Formats
{
    public const string Missing = "\u2014";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A measurement with 4 significant digits: 0.9500, 12.35, 1,235; 1.235e-05 and 1.235e+09 outside [1e-4, 1e9).</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
            return Missing;
        if (double.IsInfinity(value))
            return value > 0 ? "\u221E" : "\u2212\u221E";
        if (value == 0)
            return "0";
        var magnitude = Math.Abs(value);
        if (magnitude < 1e-4 || magnitude >= 1e9)
            return value.ToString("0.000e+00", Invariant);
        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var decimals = Math.Clamp(3 - exponent, 0, 7);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        // 9.99996 rounds up to 10.000: one decimal fewer keeps 4 significant digits.
        if (decimals > 0 && Math.Abs(rounded) >= Math.Pow(10, exponent + 1))
            decimals--;
        return rounded.ToString("N" + decimals.ToString(Invariant), Invariant);
    }

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

    /// <summary>A mean and standard deviation: "0.9467 ± 0.0123"; the mean alone when the deviation is missing.</summary>
    public static string MeanStd(double mean, double standardDeviation) =>
        double.IsNaN(standardDeviation) ? Number(mean) : $"{Number(mean)} \u00B1 {Number(standardDeviation)}";

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
