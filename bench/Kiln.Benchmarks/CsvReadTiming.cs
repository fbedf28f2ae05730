using System.Diagnostics;
using System.Globalization;
using Kiln.Core.Data;

namespace Kiln.Benchmarks;

/// <summary>The `csv-read FILE [REPEATS]` console mode: times CsvTable.Read best-of-N and reports memory, for bench/csv_read.sh.</summary>
internal static class CsvReadTiming
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: csv-read FILE [REPEATS]");
            return 1;
        }
        var path = args[0];
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        var rows = 0;
        var columns = 0;
        long liveBytes = 0;
        long allocatedBytes = 0;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var seconds = TimeOneRead(path, out rows, out columns, out allocatedBytes, out liveBytes);
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            best = Math.Min(best, seconds);
            bestCpu = Math.Min(bestCpu, cpuSeconds);
            Console.Error.WriteLine($"run {repeat + 1}: {seconds:F3} s wall, {cpuSeconds:F3} s cpu");
        }
        var peakWorkingSet = ReadPeakResidentBytes();
        var peakHeap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} columns={columns} best_seconds={best:F4} best_cpu_seconds={bestCpu:F3} peak_rss_mb={peakWorkingSet / 1048576.0:F1} " +
            $"table_heap_mb={liveBytes / 1048576.0:F1} allocated_mb_per_read={allocatedBytes / 1048576.0:F1} last_gc_heap_mb={peakHeap / 1048576.0:F1}"));
        return 0;
    }

    // Not inlined, so that no table outlives its run and the next run starts from an empty heap.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static double TimeOneRead(string path, out int rows, out int columns, out long allocatedBytes, out long liveBytes)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var table = CsvTable.Read(path);
        stopwatch.Stop();
        allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        rows = table.RowCount;
        columns = table.ColumnCount;
        liveBytes = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(table);
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static long ReadPeakResidentBytes()
    {
        // VmHWM is the peak resident set size of this process (Linux); elsewhere fall back to the runtime's figure.
        const string statusFile = "/proc/self/status";
        if (File.Exists(statusFile))
        {
            foreach (var line in File.ReadLines(statusFile))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kilobytes * 1024;
                }
            }
        }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
