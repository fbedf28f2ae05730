using System.Diagnostics;
using System.Globalization;
using Kiln.Serving.Predictions;

namespace Kiln.Benchmarks;

/// <summary>
/// The `log-restart DATA.csv TARGET [IDS] [REPEATS]` console mode: what remembering the logged prediction ids costs a
/// server's start. It writes IDS (default 1,000,000) one-row predictions of a logistic regression on DATA.csv with the
/// server's log writer (files of 256 MiB, so none is pruned), then REPEATS times (default 3) reads them back as a starting
/// server does (<see cref="LoggedPredictions"/> and the <see cref="KnownPredictions"/> it seeds) and prints the wall time,
/// the log's size and the managed memory the remembered ids hold. The files are in the page cache (just written): a
/// cold disk adds its read time of the log's size.
/// </summary>
internal static class LogRestartTiming
{
    public static int Run(string[] args)
    {
        var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        var requests = OneRowRequests.From(args[0], args[1]);
        var served = requests.Served;
        var rows = requests.Rows;

        var store = Path.Combine(Path.GetTempPath(), $"kiln-log-restart-{Environment.ProcessId}");
        var options = new PredictionLogOptions { SamplingRate = 1, QueueCapacity = 100_000, MaxFileBytes = 256L << 20, MaxFiles = 1000, RememberedIds = count };
        var written = Stopwatch.StartNew();
        var log = new PredictionLog(store, options);
        int[] sampled = [0];
        var time = DateTimeOffset.UnixEpoch.AddDays(20_000);
        for (var index = 0; index < count; index++)
        {
            var (row, predictions, probabilities) = rows[index % rows.Length];
            var batch = new PredictionBatch(served, time, 250, row, [string.Create(CultureInfo.InvariantCulture, $"01JRESTART{index:D16}")], predictions, probabilities, sampled);
            while (!log.TryAppend(batch))
                log.FlushAsync().GetAwaiter().GetResult();
        }
        log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var writeSeconds = written.Elapsed.TotalSeconds;
        if (log.WrittenRows != count)
            throw new InvalidOperationException($"wrote {log.WrittenRows} lines of {count}");
        var files = Directory.GetFiles(log.FolderOf("bench"));
        var bytes = files.Sum(file => new FileInfo(file).Length);

        var times = new List<double>();
        long held = 0;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            var logged = LoggedPredictions.Read(log.Folder, ["bench"], count);
            var known = new KnownPredictions(count, logged.Ids);
            times.Add(clock.Elapsed.TotalMilliseconds);
            logged = null;
            held = GC.GetTotalMemory(forceFullCollection: true) - before;
            if (known.Count != count)
                throw new InvalidOperationException($"remembered {known.Count} ids of {count}");
            GC.KeepAlive(known);
        }
        Directory.Delete(store, recursive: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"log-restart: {count} logged ids in {files.Length} files, {bytes / 1048576.0:0} MiB ({bytes / (double)count:0} bytes a line, written in {writeSeconds:0.0} s): remembered at start in {string.Join(", ", times.Select(value => value.ToString("0", CultureInfo.InvariantCulture)))} ms; they hold {held / 1048576.0:0} MiB ({held / (double)count:0} bytes an id)"));
        return 0;
    }
}
