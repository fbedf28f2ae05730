using BenchmarkDotNet.Running;
using Kiln.Benchmarks;

if (args.Length > 0 && args[0] == "csv-read")
    return CsvReadTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "profile")
    return ProfileTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "tree-fit")
    return TreeFitTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "mlp-epoch")
    return MlpEpochTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "learner-fit")
    return LearnerFitTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "serve-row")
    return ServeRowTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "log-write")
    return LogWriteTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "log-restart")
    return LogRestartTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "metric-log")
    return MetricLogTiming.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(CsvReadTiming).Assembly).Run(args);
return 0;
