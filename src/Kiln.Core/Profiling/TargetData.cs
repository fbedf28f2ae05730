using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;

namespace Kiln.Core.Profiling;

// The target, encoded once for every column's association and leakage analysis: a class code per row (-1 when missing)
// or a finite value per row (NaN when missing or infinite), with the totals the analyses share.
internal sealed class TargetData
{
    private TargetData(string name, MetricTask task)
    {
        Name = name;
        Task = task;
    }

    public string Name { get; }

    public MetricTask Task { get; }

    // Rows without a usable target (missing, or an infinite regression target), and rows with one (a class, or a finite number).
    public int MissingCount { get; private init; }

    public int PresentCount { get; private init; }

    public int[] ClassCodes { get; private init; } = [];

    public string[] Classes { get; private init; } = [];

    public int[] ClassCounts { get; private init; } = [];

    public int MajorityCount { get; private init; }

    public double[] Values { get; private init; } = [];

    public double Mean { get; private init; }

    // Σ (y − mean)² over the present rows.
    public double TotalSquares { get; private init; }

    public int ClassCount => Classes.Length;

    public static TargetData Create(Column column, MetricTask? task)
    {
        var resolved = task ?? (column.Kind == ColumnKind.Numeric ? MetricTask.Regression : MetricTask.Classification);
        return resolved == MetricTask.Classification ? ForClassification(column) : ForRegression(column);
    }

    private static TargetData ForClassification(Column column)
    {
        // Label each distinct value once (a categorical column's codes already are), then order the labels as ClassLabels does.
        var rowCount = column.Length;
        var provisional = new int[rowCount];
        var labels = new List<string>();
        if (column is CategoricalColumn categorical)
        {
            var codes = categorical.Codes;
            var seen = new int[categorical.Categories.Count];
            Array.Fill(seen, -1);
            for (var row = 0; row < rowCount; row++)
            {
                var code = codes[row];
                if (code >= 0 && seen[code] < 0)
                {
                    seen[code] = labels.Count;
                    labels.Add(categorical.Categories[code]);
                }
                provisional[row] = code < 0 ? -1 : seen[code];
            }
        }
        else
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var row = 0; row < rowCount; row++)
            {
                var label = column.FormatValue(row);
                if (label is null)
                {
                    provisional[row] = -1;
                    continue;
                }
                if (!index.TryGetValue(label, out var id))
                {
                    id = labels.Count;
                    index.Add(label, id);
                    labels.Add(label);
                }
                provisional[row] = id;
            }
        }

        var classes = ClassLabels.Sort(labels);
        var classIndex = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++)
            classIndex.Add(classes[i], i);
        var classOf = new int[labels.Count];
        for (var id = 0; id < labels.Count; id++)
            classOf[id] = classIndex[labels[id]];
        var classCodes = new int[rowCount];
        var counts = new int[classes.Length];
        var missing = 0;
        for (var row = 0; row < rowCount; row++)
        {
            var id = provisional[row];
            if (id < 0)
            {
                classCodes[row] = -1;
                missing++;
                continue;
            }
            var code = classOf[id];
            classCodes[row] = code;
            counts[code]++;
        }
        return new TargetData(column.Name, MetricTask.Classification)
        {
            MissingCount = missing,
            PresentCount = rowCount - missing,
            ClassCodes = classCodes,
            Classes = classes,
            ClassCounts = counts,
            MajorityCount = counts.Length == 0 ? 0 : counts.Max(),
        };
    }

    private static TargetData ForRegression(Column column)
    {
        if (column is not NumericColumn numeric)
        {
            throw new SchemaMismatchException(
                $"The target '{column.Name}' is {column.Kind}, but a regression target must be numeric. Choose a numeric target, or profile it for classification.");
        }
        var source = numeric.Values;
        var values = new double[source.Length];
        var present = 0;
        var sum = 0.0;
        for (var row = 0; row < source.Length; row++)
        {
            var value = source[row];
            if (double.IsFinite(value))
            {
                values[row] = value;
                present++;
                sum += value;
            }
            else
            {
                values[row] = double.NaN;
            }
        }
        var mean = present == 0 ? double.NaN : sum / present;
        var squares = 0.0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
                squares += (value - mean) * (value - mean);
        }
        return new TargetData(column.Name, MetricTask.Regression)
        {
            MissingCount = source.Length - present,
            PresentCount = present,
            Values = values,
            Mean = mean,
            TotalSquares = squares,
        };
    }
}
