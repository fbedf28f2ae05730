using System.Globalization;
using System.Text;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Benchmarks;

/// <summary>The generated data the tree benchmarks fit: gaussian features, a Friedman-like target on the first five, and a binary label from it.</summary>
internal static class TreeData
{
    public static (TrainingSet Regression, TrainingSet Classification) Generate(int rows, int features, ulong seed)
    {
        var random = new KilnRandom(seed);
        var columns = new double[features][];
        for (var j = 0; j < features; j++)
            columns[j] = new double[rows];
        var target = new double[rows];
        var labels = new string[rows];
        for (var row = 0; row < rows; row++)
        {
            for (var j = 0; j < features; j++)
                columns[j][row] = Math.Round(random.NextGaussian(), 5);
            var x = (int j) => columns[j % features][row];
            target[row] = (10 * Math.Sin(x(0) * x(1))) + (5 * x(2) * x(2)) + (4 * x(3)) + (2 * x(4)) + random.NextGaussian();
            labels[row] = target[row] + (2 * random.NextGaussian()) > 3 ? "yes" : "no";
        }
        var table = new Table(Enumerable.Range(0, features).Select(j => NumericColumn.FromOwned($"x{j}", columns[j])));
        return (new TrainingSet(table, NumericColumn.FromOwned("y", target)), new TrainingSet(table, CategoricalColumn.FromValues("label", labels)));
    }

    public static void WriteCsv(string path, TrainingSet regression, TrainingSet classification)
    {
        var features = regression.Features;
        var target = ((NumericColumn)regression.Target!).Values;
        var labels = classification.Target!;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(string.Join(',', features.Schema.Names));
        writer.Write(",y,label\n");
        var line = new StringBuilder();
        for (var row = 0; row < features.RowCount; row++)
        {
            line.Clear();
            for (var j = 0; j < features.ColumnCount; j++)
                line.Append(features.Numeric($"x{j}")[row].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            line.Append(target[row].ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(labels.FormatValue(row)).Append('\n');
            writer.Write(line);
        }
    }
}
