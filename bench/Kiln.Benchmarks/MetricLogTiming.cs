using System.Diagnostics;
using System.Globalization;
using Kiln.Tracking;

namespace Kiln.Benchmarks;

/// <summary>
/// The `metric-log STORE [POINTS] [REPEATS]` console mode: how long the run store takes to record metric values. STORE is
/// a folder (SQLite, `tracking.db` in it) or a PostgreSQL connection (`postgres://…` or `Host=…`). Three measurements,
/// each on fresh runs: one batch of POINTS values (10 metrics × POINTS/10 steps, as a long training curve is logged),
/// the same values read back, and 1,000 batches of one value (logging every epoch as it ends).
/// </summary>
internal static class MetricLogTiming
{
    public static int Run(string[] args)
    {
        var store = args[0];
        var points = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var sqlite = !store.Contains("://", StringComparison.Ordinal) && !store.Contains('=', StringComparison.Ordinal);
        using var runs = RunStores.Open(sqlite ? null : store, sqlite ? store : Path.GetTempPath(), TimeProvider.System);
        var suffix = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        var batch = Enumerable.Range(0, points).Select(index => new MetricPoint($"metric_{index % 10}", index / 10, Math.Sin(index))).ToArray();

        var logTimes = new List<double>();
        var readTimes = new List<double>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var id = $"bench-{suffix}-{repeat}";
            runs.CreateRun(new NewRun { Id = id, JobName = id, Namespace = "bench", Host = Environment.MachineName });
            var clock = Stopwatch.StartNew();
            runs.LogMetrics(id, batch);
            logTimes.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var read = runs.GetMetrics(id);
            readTimes.Add(clock.Elapsed.TotalMilliseconds);
            if (read.Count != points)
                throw new InvalidOperationException($"read back {read.Count} values, logged {points}");
            runs.EndRun(id, RunStatus.Finished);
        }

        var singleId = $"bench-{suffix}-single";
        runs.CreateRun(new NewRun { Id = singleId, JobName = singleId, Namespace = "bench", Host = Environment.MachineName });
        var single = Stopwatch.StartNew();
        for (var step = 0; step < 1000; step++)
            runs.LogMetrics(singleId, [new MetricPoint("loss", step, 1.0 / (step + 1))]);
        var perCall = single.Elapsed.TotalMilliseconds / 1000;
        runs.EndRun(singleId, RunStatus.Finished);

        var kind = sqlite ? "SQLite" : "PostgreSQL";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: log {points} values in one batch: median {Median(logTimes):0} ms (runs: {string.Join(", ", logTimes.Select(time => time.ToString("0", CultureInfo.InvariantCulture)))} ms); read back: median {Median(readTimes):0} ms; one value per call: {perCall:0.00} ms per call"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
