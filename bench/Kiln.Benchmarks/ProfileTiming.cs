using System.Diagnostics;
using System.Globalization;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Profiling;

namespace Kiln.Benchmarks;

/// <summary>The `profile [ROWS] [REPEATS]` console mode: times TableProfile.Compute best-of-N on a generated 50-column table with a class target.</summary>
/// <remarks>
/// The table (seeded): 35 numeric columns (every fifth with 10% missing, every seventh whole numbers 0–99), 10 categorical
/// columns of 5–500 categories (some missing), 3 boolean columns, 1 text column of ~ROWS/4 distinct strings, and a
/// three-class categorical target that depends on the first two numeric columns.
/// </remarks>
internal static class ProfileTiming
{
    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var generation = Stopwatch.StartNew();
        var table = Generate(rows, seed: 1);
        Console.Error.WriteLine($"generated {table.RowCount} rows x {table.ColumnCount} columns in {generation.Elapsed.TotalSeconds:F2} s");
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        TableProfile? profile = null;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            profile = TableProfile.Compute(table, "label");
            var seconds = stopwatch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            best = Math.Min(best, seconds);
            bestCpu = Math.Min(bestCpu, cpuSeconds);
            Console.Error.WriteLine($"run {repeat + 1}: {seconds:F3} s wall, {cpuSeconds:F3} s cpu");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} columns={table.ColumnCount} cores={Environment.ProcessorCount} best_seconds={best:F3} best_cpu_seconds={bestCpu:F3} warnings={profile!.Warnings.Count}"));
        return 0;
    }

    private static Table Generate(int rows, ulong seed)
    {
        var random = new KilnRandom(seed);
        var columns = new List<Column>();
        var numeric = new double[35][];
        for (var j = 0; j < numeric.Length; j++)
        {
            var values = new double[rows];
            for (var row = 0; row < rows; row++)
            {
                values[row] = j % 5 == 4 && random.NextDouble() < 0.1 ? double.NaN
                    : j % 7 == 6 ? random.NextInt32(100)
                    : (j * 10) + random.NextGaussian();
            }
            numeric[j] = values;
            columns.Add(NumericColumn.FromOwned($"x{j}", values));
        }
        for (var j = 0; j < 10; j++)
        {
            var categoryCount = j switch { < 4 => 5, < 8 => 50, _ => 500 };
            var categories = Enumerable.Range(0, categoryCount).Select(c => $"c{j}_{c}").ToArray();
            var codes = new int[rows];
            for (var row = 0; row < rows; row++)
                codes[row] = j % 3 == 0 && random.NextDouble() < 0.05 ? -1 : random.NextInt32(categoryCount);
            columns.Add(CategoricalColumn.FromOwned($"category{j}", codes, categories));
        }
        for (var j = 0; j < 3; j++)
        {
            var flags = new bool?[rows];
            for (var row = 0; row < rows; row++)
                flags[row] = random.NextDouble() < 0.02 ? null : random.NextDouble() < 0.3;
            columns.Add(new BooleanColumn($"flag{j}", flags));
        }
        var notes = new string?[rows];
        for (var row = 0; row < rows; row++)
            notes[row] = "note " + random.NextInt32(Math.Max(1, rows / 4)).ToString(CultureInfo.InvariantCulture);
        columns.Add(TextColumn.FromOwned("note", notes));
        var labels = new int[rows];
        for (var row = 0; row < rows; row++)
        {
            var score = numeric[0][row] + numeric[1][row] - 10 + (0.5 * random.NextGaussian());
            labels[row] = score < -0.7 ? 0 : score < 0.7 ? 1 : 2;
        }
        columns.Add(CategoricalColumn.FromOwned("label", labels, ["low", "middle", "high"]));
        return new Table(columns);
    }
}
