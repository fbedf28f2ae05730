using Kiln.Core.Data;
using Kiln.Core.Metrics;

namespace Kiln.Core.Profiling;

// Builds a TableProfile: the target is encoded once, every column is profiled independently (in parallel, each result in its
// own slot, so the order of completion does not matter), then the correlations, duplicate rows and warnings follow.
internal static class ProfileBuilder
{
    public static TableProfile Build(Table table, string? targetName, ProfileOptions options)
    {
        var targetColumn = targetName is null ? null : table[targetName];
        var target = targetColumn is null ? null : TargetData.Create(targetColumn, options.Task);
        var columnCount = table.ColumnCount;
        var roles = new ColumnRole[columnCount];
        for (var i = 0; i < columnCount; i++)
            roles[i] = table[i].Name == targetName ? ColumnRole.Target : table.Schema[i].Role;

        var analyses = new ColumnAnalysis[columnCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, columnCount, parallel, i =>
        {
            var columnTarget = roles[i] == ColumnRole.Feature ? target : null;
            analyses[i] = table[i] switch
            {
                NumericColumn numeric => NumericColumnProfiler.Profile(numeric, roles[i], columnTarget, options),
                CategoricalColumn categorical => GroupedColumnProfiler.Categorical(categorical, roles[i], columnTarget, options),
                BooleanColumn boolean => GroupedColumnProfiler.Boolean(boolean, roles[i], columnTarget, options),
                DateTimeColumn dateTime => DateTimeColumnProfiler.Profile(dateTime, roles[i], columnTarget, options),
                TextColumn text => GroupedColumnProfiler.Text(text, roles[i], columnTarget, options),
                var other => throw new InvalidOperationException($"Column '{other.Name}' is of kind {other.Kind}, which the profiler does not know."),
            };
        });

        var columns = analyses.Select(analysis => analysis.Profile).ToArray();
        var targetProfile = target is null ? null : DescribeTarget(target, columns[table.Schema.IndexOf(target.Name)]);
        var duplicates = DuplicateRowCounter.Count(table, analyses.Select(analysis => analysis.TextIds).ToArray());
        return new TableProfile
        {
            RowCount = table.RowCount,
            ColumnCount = columnCount,
            Columns = columns,
            Target = targetProfile,
            Correlations = Correlate(table, columns, options),
            TargetAssociations = analyses.Where(analysis => analysis.Association is not null).Select(analysis => analysis.Association!).ToArray(),
            DuplicateRowCount = duplicates,
            Warnings = WarningRules.Apply(columns, analyses, targetProfile, target, duplicates, table.RowCount, options),
        };
    }

    private static CorrelationMatrix Correlate(Table table, ColumnProfile[] columns, ProfileOptions options)
    {
        var numeric = new List<NumericColumn>();
        var shifts = new List<double>();
        for (var i = 0; i < columns.Length; i++)
        {
            if (table[i] is NumericColumn column && columns[i].Role is ColumnRole.Feature or ColumnRole.Target)
            {
                numeric.Add(column);
                shifts.Add(columns[i].Numeric?.Mean ?? 0);
            }
        }
        return CorrelationCalculator.Compute(numeric, shifts, options.MaxDegreeOfParallelism);
    }

    private static TargetProfile DescribeTarget(TargetData target, ColumnProfile column)
    {
        if (target.Task == MetricTask.Regression)
        {
            return new TargetProfile
            {
                Name = target.Name,
                Task = target.Task,
                RowCount = target.PresentCount,
                MissingCount = target.MissingCount,
                Numeric = column.Numeric,
            };
        }
        var classes = new ClassShare[target.ClassCount];
        var smallest = int.MaxValue;
        var largest = 0;
        for (var c = 0; c < classes.Length; c++)
        {
            var count = target.ClassCounts[c];
            classes[c] = new ClassShare(target.Classes[c], count, (double)count / target.PresentCount);
            smallest = Math.Min(smallest, count);
            largest = Math.Max(largest, count);
        }
        return new TargetProfile
        {
            Name = target.Name,
            Task = target.Task,
            RowCount = target.PresentCount,
            MissingCount = target.MissingCount,
            Classes = classes,
            ImbalanceRatio = classes.Length == 0 ? null : (double)largest / smallest,
        };
    }
}
