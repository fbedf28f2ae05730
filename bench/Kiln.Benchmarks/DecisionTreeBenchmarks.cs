using BenchmarkDotNet.Attributes;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;

namespace Kiln.Benchmarks;

/// <summary>Fitting one decision tree on a generated 100,000 x 20 set (TreeData): regression and classification, full depth.</summary>
/// <remarks>Run: dotnet run -c Release --project bench/Kiln.Benchmarks -- --filter '*DecisionTreeBenchmarks*'. For a quick timing with a scikit-learn comparison: bench/tree_fit.sh.</remarks>
[MemoryDiagnoser]
public class DecisionTreeBenchmarks
{
    private readonly FitContext _context = new() { MaxDegreeOfParallelism = 1 };
    private TrainingSet _regression = null!;
    private TrainingSet _classification = null!;

    [GlobalSetup]
    public void Setup() => (_regression, _classification) = TreeData.Generate(rows: 100_000, features: 20, seed: 42);

    [Benchmark]
    public DecisionTreeRegressorModel FitRegressor() => new DecisionTreeRegressor().Fit(_regression, _context);

    [Benchmark]
    public DecisionTreeClassifierModel FitClassifier() => new DecisionTreeClassifier().Fit(_classification, _context);

    [Benchmark]
    public DecisionTreeClassifierModel FitClassifierSqrtFeatures() => new DecisionTreeClassifier(new() { MaxFeatures = "sqrt" }).Fit(_classification, _context);
}
