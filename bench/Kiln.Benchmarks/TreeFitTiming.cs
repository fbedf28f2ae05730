using System.Diagnostics;
using System.Globalization;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;

namespace Kiln.Benchmarks;

/// <summary>The `tree-fit [ROWS] [FEATURES] [REPEATS] [CSV]` console mode: best-of-N fit times of both trees on generated data, for bench/tree_fit.sh.</summary>
internal static class TreeFitTiming
{
    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var features = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var (regression, classification) = TreeData.Generate(rows, features, seed: 42);
        if (args.Length > 3)
            TreeData.WriteCsv(args[3], regression, classification);
        var context = new FitContext { MaxDegreeOfParallelism = 1 };
        Time("rank features (part of each fit)", repeats, () =>
        {
            var ranked = RankedFeatures.Create(regression, maxDegreeOfParallelism: 1, CancellationToken.None);
            return ranked.DistinctValues[0].Length;
        });
        Time("regressor, full depth", repeats, () => new DecisionTreeRegressor().Fit(regression, context).Tree);
        Time("regressor, max_depth 10", repeats, () => new DecisionTreeRegressor(new() { MaxDepth = 10 }).Fit(regression, context).Tree);
        Time("classifier, full depth", repeats, () => new DecisionTreeClassifier().Fit(classification, context).Tree);
        Time("classifier, max_features sqrt", repeats, () => new DecisionTreeClassifier(new() { MaxFeatures = "sqrt" }).Fit(classification, context).Tree);
        return 0;
    }

    private static void Time(string name, int repeats, Func<DecisionTree> fit) =>
        Time(name, repeats, () =>
        {
            var tree = fit();
            return $"nodes {tree.NodeCount}  depth {tree.Depth}";
        });

    private static void Time<T>(string name, int repeats, Func<T> run)
    {
        var best = double.MaxValue;
        T? result = default;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            GC.Collect();
            var stopwatch = Stopwatch.StartNew();
            result = run();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-32} best {best:F3} s  {result}"));
    }
}
