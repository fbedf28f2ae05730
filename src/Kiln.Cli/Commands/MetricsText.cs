using System.Globalization;
using Kiln.Core.Metrics;

namespace Kiln.Cli.Commands;

/// <summary>Writes metrics as aligned, readable tables: metric values, per-class scores, and the confusion matrix with its labels.</summary>
internal static class MetricsText
{
    public static void Write(TextWriter output, IReadOnlyList<MetricResult> metrics, ConfusionMatrix? matrix, IReadOnlyList<string>? classes)
    {
        var scalars = metrics.Where(metric => metric.PerClass is null).ToArray();
        var nameWidth = Math.Max("metric".Length, scalars.Max(metric => metric.Name.Length));
        output.WriteLine($"{"metric".PadRight(nameWidth)}  value");
        foreach (var metric in scalars)
        {
            var value = metric.Error is { } error ? $"n/a: {error}" : Format(metric.Value);
            output.WriteLine($"{metric.Name.PadRight(nameWidth)}  {value}");
        }

        var perClass = metrics.Where(metric => metric.PerClass is not null).ToArray();
        if (perClass.Length > 0 && classes is not null)
        {
            output.WriteLine();
            var rows = perClass.Select(metric => (Name: metric.Name.Replace("_per_class", string.Empty, StringComparison.Ordinal), Cells: metric.PerClass!.Select(Format).ToArray())).ToArray();
            WriteGrid(output, "class", classes, rows);
        }

        if (matrix is not null && classes is not null)
        {
            output.WriteLine();
            output.WriteLine($"confusion matrix (rows: true class, columns: predicted class{(matrix.IsWeighted ? ", cells: summed sample weights" : string.Empty)})");
            var cells = matrix.ToRows();
            var rows = classes.Select((label, index) => (Name: label, Cells: cells[index].Select(Format).ToArray())).ToArray();
            WriteGrid(output, "true \\ predicted", classes, rows);
        }
    }

    private static void WriteGrid(TextWriter output, string corner, IReadOnlyList<string> columns, (string Name, string[] Cells)[] rows)
    {
        var firstWidth = Math.Max(corner.Length, rows.Max(row => row.Name.Length));
        var widths = new int[columns.Count];
        for (var c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(columns[c].Length, rows.Max(row => row.Cells[c].Length));
        output.Write(corner.PadRight(firstWidth));
        for (var c = 0; c < widths.Length; c++)
            output.Write($"  {columns[c].PadLeft(widths[c])}");
        output.WriteLine();
        foreach (var (name, cells) in rows)
        {
            output.Write(name.PadRight(firstWidth));
            for (var c = 0; c < widths.Length; c++)
                output.Write($"  {cells[c].PadLeft(widths[c])}");
            output.WriteLine();
        }
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
