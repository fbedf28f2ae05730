using Kiln.Core.Data;

namespace Kiln.Core.Preparation;

// The numbers a date-time column becomes: its UTC calendar parts, each a numeric column named '<column>.<part>'.
// day_of_week counts from Monday = 0, as pandas' dayofweek. hour is kept only when some training value has a time of
// day, so a column of plain dates does not add a column of zeros.
internal static class DateParts
{
    public const string Year = "year";
    public const string Month = "month";
    public const string Day = "day";
    public const string DayOfWeek = "day_of_week";
    public const string Hour = "hour";

    public static IReadOnlyList<string> DateOnly { get; } = [Year, Month, Day, DayOfWeek];

    public static IReadOnlyList<string> WithHour { get; } = [Year, Month, Day, DayOfWeek, Hour];

    public static string ColumnName(string column, string part) => $"{column}.{part}";

    public static IReadOnlyList<string> Fit(DateTimeColumn column)
    {
        foreach (var ticks in column.Ticks)
        {
            if (ticks != DateTimeColumn.MissingTicks && ticks % TimeSpan.TicksPerDay != 0)
                return WithHour;
        }
        return DateOnly;
    }

    public static bool IsValid(IReadOnlyList<string> parts) => parts.SequenceEqual(DateOnly) || parts.SequenceEqual(WithHour);

    public static NumericColumn[] Transform(DateTimeColumn column, IReadOnlyList<string> parts)
    {
        var values = new double[parts.Count][];
        for (var p = 0; p < values.Length; p++)
            values[p] = new double[column.Length];
        var ticks = column.Ticks;
        for (var row = 0; row < ticks.Length; row++)
        {
            if (ticks[row] == DateTimeColumn.MissingTicks)
            {
                for (var p = 0; p < values.Length; p++)
                    values[p][row] = double.NaN;
                continue;
            }
            var instant = new DateTime(ticks[row], DateTimeKind.Utc);
            for (var p = 0; p < values.Length; p++)
            {
                values[p][row] = parts[p] switch
                {
                    Year => instant.Year,
                    Month => instant.Month,
                    Day => instant.Day,
                    DayOfWeek => ((int)instant.DayOfWeek + 6) % 7,
                    _ => instant.Hour,
                };
            }
        }
        return [.. parts.Select((part, p) => NumericColumn.FromOwned(ColumnName(column.Name, part), values[p]))];
    }
}
