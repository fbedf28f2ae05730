using System.Diagnostics;
using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.LightGbm;

namespace Kiln.Benchmarks;

/// <summary>
/// The `serve-row MODEL.kiln DATA.csv [SECONDS]` console mode (bench/serve.sh): the in-process cost of one served
/// row. It reads the model's input columns of DATA.csv with their kinds, cuts every row into its own one-row <see cref="Table"/> (as a
/// request carries it), and times <see cref="PipelineModel.Predict(Table)"/> on the rows in turn on one thread: a warm-up,
/// then SECONDS (default 3) of calls; it prints the median, p99 and mean wall microseconds per call over 200 batches of
/// calls, and the process's CPU time per call over them all (less moved by other work on the machine than wall time).
/// </summary>
internal static class ServeRowTiming
{
    private const int Batches = 200;

    public static int Run(string[] args)
    {
        LightGbmModels.Register();
        var model = (PipelineModel)ModelBundle.Load(args[0]);
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 3.0;
        var kinds = model.InputSchema.ToDictionary(column => column.Name, column => column.Kind, StringComparer.Ordinal);
        var table = CsvTable.Read(args[1], new CsvReadOptions { ColumnKinds = kinds });
        var inputs = model.InputSchema.Select(column => table[column.Name]).ToArray();
        var rows = new Table[table.RowCount];
        for (var row = 0; row < rows.Length; row++)
            rows[row] = new Table([.. inputs.Select(column => column.Take([row]))]);

        var checksum = 0.0;
        var warmUp = Stopwatch.StartNew();
        var calls = 0;
        while (warmUp.Elapsed.TotalSeconds < Math.Min(1.0, seconds / 3))
            checksum += model.Predict(rows[calls++ % rows.Length])[0];
        var perBatch = Math.Max(1, (int)(calls / Math.Min(1.0, seconds / 3) * seconds / Batches));

        var times = new double[Batches];
        var processorTime = Process.GetCurrentProcess().TotalProcessorTime;
        for (var batch = 0; batch < Batches; batch++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var call = 0; call < perBatch; call++)
                checksum += model.Predict(rows[(batch * perBatch + call) % rows.Length])[0];
            times[batch] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / perBatch;
        }
        var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - processorTime).TotalMicroseconds / ((long)Batches * perBatch);
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-process PipelineModel.Predict, one row ({model.Predictor.Kind}, {model.InputSchema.Count} inputs): median {times[Batches / 2]:0.00} µs, p99 {times[(int)(Batches * 0.99)]:0.00} µs, mean {times.Average():0.00} µs per row over {Batches} batches of {perBatch} calls; process CPU {cpuPerCall:0.00} µs per row (checksum {checksum:0})"));
        return 0;
    }
}
