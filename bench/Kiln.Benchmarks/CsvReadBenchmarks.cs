using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Kiln.Core;
using Kiln.Core.Data;

namespace Kiln.Benchmarks;

/// <summary>CsvTable.Read on a generated 20,000 x 20 file: numeric only, and numeric plus categorical columns.</summary>
/// <remarks>Run: dotnet run -c Release --project bench/Kiln.Benchmarks -- --filter '*CsvReadBenchmarks*'</remarks>
[MemoryDiagnoser]
public class CsvReadBenchmarks
{
    private const int Rows = 20_000;
    private const int Columns = 20;

    private string _directory = string.Empty;
    private string _numericPath = string.Empty;
    private string _mixedPath = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("kiln-csv-bench-").FullName;
        _numericPath = Path.Combine(_directory, "numeric.csv");
        _mixedPath = Path.Combine(_directory, "mixed.csv");
        File.WriteAllText(_numericPath, Generate(categoricalEvery: 0));
        File.WriteAllText(_mixedPath, Generate(categoricalEvery: 4));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public Table ReadNumeric() => CsvTable.Read(_numericPath);

    [Benchmark]
    public Table ReadMixed() => CsvTable.Read(_mixedPath);

    private static string Generate(int categoricalEvery)
    {
        var random = new KilnRandom(42);
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, Columns).Select(column => $"x{column}")).Append('\n');
        string[] levels = ["red", "green", "blue", "cyan", "magenta"];
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                if (column > 0)
                    text.Append(',');
                if (categoricalEvery > 0 && column % categoricalEvery == 0)
                    text.Append(levels[random.NextInt32(levels.Length)]);
                else
                    text.Append((random.NextGaussian() * Math.Pow(10, (column % 7) - 3)).ToString("G6", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
