using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

// Profiles a date-time column: its range and distinct instants from one sort of its ticks. Against a target it is analysed as
// a number (ticks), like a numeric feature.
internal static class DateTimeColumnProfiler
{
    public static ColumnAnalysis Profile(DateTimeColumn column, ColumnRole role, TargetData? target, ProfileOptions options)
    {
        var ticks = column.Ticks;
        var present = 0;
        foreach (var value in ticks)
        {
            if (value != DateTimeColumn.MissingTicks)
                present++;
        }
        var sorted = new long[present];
        var rows = new int[present];
        var next = 0;
        for (var row = 0; row < ticks.Length; row++)
        {
            if (ticks[row] == DateTimeColumn.MissingTicks)
                continue;
            rows[next] = row;
            sorted[next++] = ticks[row];
        }
        Array.Sort(sorted, rows);

        var distinct = present == 0 ? 0 : 1;
        for (var i = 1; i < present; i++)
        {
            if (sorted[i] != sorted[i - 1])
                distinct++;
        }
        var missing = ticks.Length - present;
        var profile = new ColumnProfile
        {
            Name = column.Name,
            Kind = ColumnKind.DateTime,
            Role = role,
            RowCount = ticks.Length,
            MissingCount = missing,
            MissingFraction = ticks.Length == 0 ? 0 : (double)missing / ticks.Length,
            DistinctCount = distinct,
            DateTime = present == 0 ? null : new DateTimeSummary(new DateTime(sorted[0], DateTimeKind.Utc), new DateTime(sorted[^1], DateTimeKind.Utc)),
        };
        if (target is null)
            return new ColumnAnalysis(profile, null, null);

        var rowValues = new double[ticks.Length];
        for (var row = 0; row < ticks.Length; row++)
            rowValues[row] = ticks[row] == DateTimeColumn.MissingTicks ? double.NaN : ticks[row];
        var sortedValues = new double[present];
        for (var i = 0; i < present; i++)
            sortedValues[i] = sorted[i];
        return new ColumnAnalysis(profile, FeatureTargetAnalysis.ForNumbers(column.Name, rowValues, sortedValues, rows, target, options), null);
    }
}
