using BenchmarkDotNet.Attributes;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Boosting;

namespace Kiln.Benchmarks;

/// <summary>Gradient boosting with scikit-learn's defaults (100 stages of depth-3 trees) on a generated 20,000 x 20 set (TreeData): fitting, and single-row prediction over 1,000 rows.</summary>
/// <remarks>Run: dotnet run -c Release --project bench/Kiln.Benchmarks -- --filter '*GradientBoostingBenchmarks*'.</remarks>
[MemoryDiagnoser]
public class GradientBoostingBenchmarks
{
    private const int PredictedRows = 1_000;

    private readonly FitContext _context = new() { MaxDegreeOfParallelism = 1 };
    private TrainingSet _regression = null!;
    private TrainingSet _classification = null!;
    private GradientBoostingRegressorModel _regressor = null!;
    private GradientBoostingClassifierModel _classifier = null!;
    private double[][] _rows = null!;
    private double[] _probabilities = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_regression, _classification) = TreeData.Generate(rows: 20_000, features: 20, seed: 42);
        _regressor = new GradientBoostingRegressor().Fit(_regression, _context);
        _classifier = new GradientBoostingClassifier().Fit(_classification, _context);
        _rows = new double[PredictedRows][];
        for (var row = 0; row < PredictedRows; row++)
            _rows[row] = [.. _regression.Features.Columns.Select(column => ((NumericColumn)column).Values[row])];
        _probabilities = new double[2];
    }

    [Benchmark]
    public GradientBoostingRegressorModel FitRegressor() => new GradientBoostingRegressor().Fit(_regression, _context);

    [Benchmark]
    public GradientBoostingClassifierModel FitClassifier() => new GradientBoostingClassifier().Fit(_classification, _context);

    [Benchmark(OperationsPerInvoke = PredictedRows)]
    public double PredictRowRegressor()
    {
        var sum = 0.0;
        foreach (var row in _rows)
            sum += _regressor.PredictRow(row);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = PredictedRows)]
    public double PredictRowProbabilitiesClassifier()
    {
        var sum = 0.0;
        foreach (var row in _rows)
        {
            _classifier.PredictRowProbabilities(row, _probabilities);
            sum += _probabilities[1];
        }
        return sum;
    }
}
