using System.Diagnostics;
using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Neural;

namespace Kiln.Benchmarks;

/// <summary>The `mlp-epoch FILE [EPOCHS] [THREADS]` console mode: the MLP's fit time per epoch on bench/mlp_epoch.sh's CSV, with the settings its scikit-learn side uses.</summary>
internal static class MlpEpochTiming
{
    public static int Run(string[] args)
    {
        var path = args[0];
        var epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var table = CsvTable.Read(path);
        var target = table.Numeric("y");
        var labels = CategoricalColumn.FromValues("y", Enumerable.Range(0, target.Length).Select(row => target[row] > 0.5 ? "1" : "0"));
        var data = new TrainingSet(table.Drop(["y"]), labels);
        var options = new MlpOptions { HiddenLayerSizes = "100", Solver = MlpOptions.Adam, BatchSize = 200, MaxIter = epochs, Tol = 0, NIterNoChange = epochs + 1 };
        var epochTimes = new List<double>();
        var clock = Stopwatch.StartNew();
        var last = 0.0;
        var context = new FitContext
        {
            MaxDegreeOfParallelism = threads,
            Progress = new EpochClock(() =>
            {
                var now = clock.Elapsed.TotalSeconds;
                epochTimes.Add(now - last);
                last = now;
            }),
        };
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        clock.Restart();
        var model = new MlpClassifier(options).Fit(data, context);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Kiln          epochs {model.Epochs}  fit {seconds:F2} s  per epoch {seconds / model.Epochs:F3} s  final loss {model.LossCurve[^1]:F5}  peak memory {PeakMegabytes():F0} MB  " +
            $"(cpu {cpu:F2} s; epochs alone: {string.Join(", ", epochTimes.Select(time => time.ToString("F3", CultureInfo.InvariantCulture)))} s; threads {context.MaxDegreeOfParallelism})"));
        return 0;
    }

    // The process's peak resident set (VmHWM), in megabytes.
    private static double PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
    }

    private sealed class EpochClock(Action onEpoch) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => onEpoch();
    }
}
