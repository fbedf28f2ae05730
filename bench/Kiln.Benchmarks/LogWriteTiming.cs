using System.Diagnostics;
using System.Globalization;
using Kiln.Serving.Predictions;

namespace Kiln.Benchmarks;

/// <summary>
/// The `log-write DATA.csv TARGET [ENTRIES] [REPEATS]` console mode: the cost of the serving prediction log's background
/// writer. It fits a logistic regression on DATA.csv (breast_cancer.csv: 30 numeric inputs), cuts every row into a one-row
/// request, queues ENTRIES (default 200,000) of them with their predictions and probabilities before the writer starts,
/// then times the writer from its start until every line is flushed, REPEATS times (default 5), each into a fresh folder.
/// It prints entries per second (median and best) and the bytes allocated per entry (all threads; only the writer runs).
/// </summary>
internal static class LogWriteTiming
{
    public static int Run(string[] args)
    {
        var entries = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        var requests = OneRowRequests.From(args[0], args[1]);
        var served = requests.Served;
        var rows = requests.Rows;
        var ids = new string[entries];
        for (var index = 0; index < entries; index++)
            ids[index] = string.Create(CultureInfo.InvariantCulture, $"01JBENCH{index:D18}");

        var rates = new List<double>();
        var allocated = new List<double>();
        long bytes = 0;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"kiln-log-write-{Environment.ProcessId}-{repeat}");
            var options = new PredictionLogOptions { SamplingRate = 1, QueueCapacity = entries + 1, MaxFileBytes = 1L << 40 };
            var log = new PredictionLog(folder, options, start: false);
            int[] sampled = [0];
            var time = DateTimeOffset.UnixEpoch.AddDays(20_000);
            for (var index = 0; index < entries; index++)
            {
                var (row, predictions, probabilities) = rows[index % rows.Length];
                if (!log.TryAppend(new PredictionBatch(served, time, 250, row, [ids[index]], predictions, probabilities, sampled)))
                    throw new InvalidOperationException("the queue refused an entry; it is sized to hold them all");
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            log.Start();
            log.FlushAsync().GetAwaiter().GetResult();
            var seconds = clock.Elapsed.TotalSeconds;
            var after = GC.GetTotalAllocatedBytes(precise: true);
            log.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (log.WrittenRows != entries)
                throw new InvalidOperationException($"wrote {log.WrittenRows} lines of {entries}");
            bytes = Directory.GetFiles(log.FolderOf("bench")).Sum(file => new FileInfo(file).Length);
            rates.Add(entries / seconds);
            allocated.Add((after - before) / (double)entries);
            Directory.Delete(folder, recursive: true);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"log-write: {entries} one-row entries of {served.Inputs.Count} inputs ({bytes / (double)entries:0} bytes a line): median {Median(rates):0} entries/s, best {rates.Max():0} entries/s, {Median(allocated):0} bytes allocated per entry"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
