using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Metrics;
using Kiln.LightGbm;

namespace Kiln.Benchmarks;

/// <summary>
/// The `learner-fit KIND DATA_DIR THREADS` console mode of bench/learners.sh: one fit of one learner on the data set that
/// bench/learners_python.py generates, in its own process, printing "name|fit seconds|fit CPU seconds|test AUC|peak RSS MB|RSS MB
/// before the fit" (CPU seconds: the process's user + system time during the fit, all threads; it says more than the wall
/// time on a busy machine).
/// </summary>
/// <remarks>
/// Kinds: <c>random-forest</c> (Kiln's RandomForestClassifier, 50 trees), <c>lightgbm</c> (Kiln's LightGbmClassifier, 100
/// rounds, defaults otherwise) and <c>lightgbm-direct</c> (the same parameters given to LightGBM's C API here, without Kiln:
/// DatasetCreateFromMat on a row-major matrix, BoosterCreate, UpdateOneIter × 100). Kiln's fit time starts from a Kiln table
/// (column per feature) and includes its row-major copy; the direct fit time starts from the row-major matrix.
/// </remarks>
internal static partial class LearnerFitTiming
{
    private const int Rows = 500_000;
    private const int TestRows = 100_000;
    private const int Features = 50;
    private const ulong Seed = 0;

    public static int Run(string[] args)
    {
        var kind = args[0];
        var folder = args[1];
        var threads = int.Parse(args[2], CultureInfo.InvariantCulture);
        var (train, trainLabels) = Load(folder, "train", Rows);
        var (test, testLabels) = Load(folder, "test", TestRows);
        var (name, seconds, cpu, scores, before) = kind switch
        {
            "random-forest" => RandomForest(train, trainLabels, test, threads),
            "lightgbm" => KilnLightGbm(train, trainLabels, test, threads),
            "lightgbm-direct" => DirectLightGbm(train, trainLabels, test, threads),
            _ => throw new ArgumentException($"Unknown kind '{kind}'; use random-forest, lightgbm or lightgbm-direct."),
        };
        var auc = RankingMetrics.RocAuc(testLabels, scores, positiveClass: 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}|{seconds:F3}|{cpu:F3}|{auc:F5}|{StatusMegabytes("VmHWM"):F0}|{before:F0}"));
        return 0;
    }

    private static (string, double, double, double[], double) RandomForest(double[][] train, int[] labels, double[][] test, int threads)
    {
        var data = TrainingSet(train, labels);
        var estimator = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 50, Seed = Seed });
        var before = StatusMegabytes("VmRSS");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var model = estimator.Fit(data, new FitContext { MaxDegreeOfParallelism = threads });
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return ($"Kiln RandomForestClassifier(n_estimators=50, threads={threads})", seconds, cpu, PositiveProbabilities(model, test), before);
    }

    private static (string, double, double, double[], double) KilnLightGbm(double[][] train, int[] labels, double[][] test, int threads)
    {
        var data = TrainingSet(train, labels);
        var estimator = new LightGbmClassifier(new LightGbmOptions { NEstimators = 100, Seed = Seed });
        var before = StatusMegabytes("VmRSS");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        using var model = estimator.Fit(data, new FitContext { MaxDegreeOfParallelism = threads });
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return ($"Kiln LightGbmClassifier(n_estimators=100, threads={threads})", seconds, cpu, PositiveProbabilities(model, test), before);
    }

    private static unsafe (string, double, double, double[], double) DirectLightGbm(double[][] train, int[] labels, double[][] test, int threads)
    {
        // What Kiln's LightGbmClassifier passes for these options (LightGbmParameters.Build); the seed is Seeds.Derive(0, 0).
        var seed = (int)(Kiln.Core.Seeds.Derive(Seed, 0) % int.MaxValue);
        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"objective=binary metric=binary_logloss num_iterations=100 num_leaves=31 max_depth=-1 learning_rate=0.1 min_data_in_leaf=20 feature_fraction=1 bagging_fraction=1 bagging_freq=0 lambda_l1=0 lambda_l2=0 seed={seed} num_threads={threads} deterministic=true force_row_wise=true verbosity=-1");
        var matrix = RowMajor(train);
        var label = Array.ConvertAll(labels, value => (float)value);
        var before = StatusMegabytes("VmRSS");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        IntPtr dataset;
        IntPtr booster;
        fixed (double* data = matrix)
            Check(DatasetCreateFromMat(data, 1, Rows, Features, 1, parameters, IntPtr.Zero, out dataset));
        fixed (float* values = label)
            Check(DatasetSetField(dataset, "label", values, label.Length, 0));
        Check(BoosterCreate(dataset, parameters, out booster));
        for (var round = 0; round < 100; round++)
            Check(BoosterUpdateOneIter(booster, out _));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var testMatrix = RowMajor(test);
        var scores = new double[TestRows];
        fixed (double* data = testMatrix)
        fixed (double* results = scores)
            Check(BoosterPredictForMat(booster, data, 1, TestRows, Features, 1, 0, 0, -1, $"num_threads={threads}", out _, results));
        Check(BoosterFree(booster));
        Check(DatasetFree(dataset));
        return ($"LightGBM C API directly (same parameters, num_threads={threads})", seconds, cpu, scores, before);
    }

    private static TrainingSet TrainingSet(double[][] columns, int[] labels)
    {
        var table = new Table(columns.Select((values, j) => NumericColumn.FromOwned($"x{j}", values)));
        return new TrainingSet(table, CategoricalColumn.FromOwned("y", labels, ["0", "1"]));
    }

    private static double[] PositiveProbabilities(IClassifierModel model, double[][] test)
    {
        var table = new Table(test.Select((values, j) => NumericColumn.FromOwned($"x{j}", values)));
        var probabilities = new double[TestRows * 2];
        model.PredictProbabilities(table, probabilities);
        var positive = model.Classes.ToList().IndexOf("1");
        return [.. Enumerable.Range(0, TestRows).Select(row => probabilities[(2 * row) + positive])];
    }

    private static (double[][] Columns, int[] Labels) Load(string folder, string part, int rows)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder, part + "_x.f64"));
        var all = MemoryMarshal.Cast<byte, double>(bytes);
        var columns = new double[Features][];
        for (var j = 0; j < Features; j++)
            columns[j] = all.Slice(j * rows, rows).ToArray();
        var labels = MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(Path.Combine(folder, part + "_y.f64"))).ToArray();
        return (columns, Array.ConvertAll(labels, value => (int)value));
    }

    private static double[] RowMajor(double[][] columns)
    {
        var rows = columns[0].Length;
        var matrix = new double[(long)rows * columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = columns[j];
            for (var i = 0; i < rows; i++)
                matrix[((long)i * columns.Length) + j] = column[i];
        }
        return matrix;
    }

    private static double StatusMegabytes(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        throw new InvalidOperationException($"{field} is not in /proc/self/status.");
    }

    private static void Check(int result)
    {
        if (result != 0)
            throw new InvalidOperationException("LightGBM failed: " + Marshal.PtrToStringUTF8(GetLastError()));
    }

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_GetLastError")]
    private static partial IntPtr GetLastError();

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_DatasetCreateFromMat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int DatasetCreateFromMat(double* data, int dataType, int rowCount, int columnCount, int isRowMajor, string parameters, IntPtr reference, out IntPtr dataset);

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_DatasetSetField", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int DatasetSetField(IntPtr dataset, string fieldName, float* data, int count, int dataType);

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_DatasetFree")]
    private static partial int DatasetFree(IntPtr dataset);

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_BoosterCreate", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int BoosterCreate(IntPtr training, string parameters, out IntPtr booster);

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_BoosterUpdateOneIter")]
    private static partial int BoosterUpdateOneIter(IntPtr booster, out int isFinished);

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_BoosterPredictForMat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int BoosterPredictForMat(IntPtr booster, double* data, int dataType, int rowCount, int columnCount, int isRowMajor, int predictType, int startIteration, int iterationCount, string parameters, out long resultLength, double* results);

    [LibraryImport("lib_lightgbm", EntryPoint = "LGBM_BoosterFree")]
    private static partial int BoosterFree(IntPtr booster);
}
