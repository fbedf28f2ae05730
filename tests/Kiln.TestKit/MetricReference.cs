using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace Kiln.TestKit;

/// <summary>One case of tests/reference/metrics_cases.json (or metrics_edge_cases.json): inputs and scikit-learn's results.</summary>
public sealed class MetricCase
{
    internal MetricCase(string file, JsonObject node)
    {
        File = file;
        Name = node["name"]!.GetValue<string>();
        Task = node["task"]!.GetValue<string>();
        Inputs = node["inputs"]!.AsObject();
        Results = node["results"]!.AsObject();
    }

    public string File { get; }

    public string Name { get; }

    /// <summary>"binary", "multiclass" or "regression".</summary>
    public string Task { get; }

    public JsonObject Inputs { get; }

    public JsonObject Results { get; }

    public bool IsRegression => Task == "regression";

    /// <summary>The labels in class-code order.</summary>
    public int[] Labels => Ints("labels");

    /// <summary>The labels as class names ("0", "1", ...).</summary>
    public string[] ClassNames => Array.ConvertAll(Labels, label => label.ToString(CultureInfo.InvariantCulture));

    public int[] TrueClasses => Codes("y_true");

    public int[] PredictedClasses => Codes("y_pred");

    /// <summary>The code of the positive class (binary cases).</summary>
    public int PositiveClass => Array.IndexOf(Labels, Inputs["pos_label"]!.GetValue<int>());

    /// <summary>The score of the positive class (binary cases).</summary>
    public double[] Scores => Doubles("y_score");

    /// <summary>Row-major probabilities: for binary cases [1 − s, s] arranged so that the positive class's column holds s.</summary>
    public double[] Probabilities
    {
        get
        {
            if (Task == "binary")
            {
                var scores = Scores;
                var positive = PositiveClass;
                var matrix = new double[scores.Length * 2];
                for (var row = 0; row < scores.Length; row++)
                {
                    matrix[row * 2 + positive] = scores[row];
                    matrix[row * 2 + 1 - positive] = 1 - scores[row];
                }
                return matrix;
            }
            return Inputs["y_proba"]!.AsArray().SelectMany(row => row!.AsArray().Select(value => value!.GetValue<double>())).ToArray();
        }
    }

    /// <summary>The sample weights, or an empty array when the case has none.</summary>
    public double[] Weights => Inputs["sample_weight"] is null ? [] : Doubles("sample_weight");

    public bool IsWeighted => Weights.Length > 0;

    public double[] TrueValues => Doubles("y_true");

    public double[] PredictedValues => Doubles("y_pred");

    public override string ToString() => $"{File}:{Name}";

    private int[] Codes(string key)
    {
        var labels = Labels;
        return Ints(key).Select(label => Array.IndexOf(labels, label)).ToArray();
    }

    private int[] Ints(string key) => Inputs[key]!.AsArray().Select(value => value!.GetValue<int>()).ToArray();

    private double[] Doubles(string key) => Inputs[key]!.AsArray().Select(value => value!.GetValue<double>()).ToArray();
}

/// <summary>Loads the metric reference files and compares numbers to them.</summary>
public static class MetricReference
{
    /// <summary>The cases computed by the task's reference file (given to us).</summary>
    public const string CasesFile = "metrics_cases.json";

    /// <summary>The edge cases computed by tests/reference/metrics_edge_cases.py.</summary>
    public const string EdgeCasesFile = "metrics_edge_cases.json";

    /// <summary>Agreement required with scikit-learn: absolute 1e-9 for |expected| ≤ 1, relative 1e-9 above.</summary>
    public const double Tolerance = 1e-9;

    private static readonly Dictionary<string, MetricCase[]> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<MetricCase> Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var cases))
            {
                var root = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", file)))!;
                cases = root["cases"]!.AsArray().Select(node => new MetricCase(file, node!.AsObject())).ToArray();
                Cache[file] = cases;
            }
            return cases;
        }
    }

    public static MetricCase Get(string file, string name) => Load(file).Single(c => c.Name == name);

    /// <summary>Every (file, case name) pair of both reference files, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string, string> AllCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { CasesFile, EdgeCasesFile })
        {
            foreach (var metricCase in Load(file))
                data.Add(file, metricCase.Name);
        }
        return data;
    }

    /// <summary>Whether a result is scikit-learn's refusal: <c>{"error": message}</c>.</summary>
    public static bool IsError(JsonNode? expected) => expected is JsonObject error && error.ContainsKey("error");

    /// <summary>Asserts |actual − expected| ≤ 1e-9 · max(1, |expected|).</summary>
    public static void AssertClose(double expected, double actual, string context)
    {
        var allowed = Tolerance * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{context}: expected {expected.ToString("R", CultureInfo.InvariantCulture)} (scikit-learn), got {actual.ToString("R", CultureInfo.InvariantCulture)}; difference {Math.Abs(actual - expected):E3} exceeds {allowed:E3}.");
    }

    /// <summary>Asserts that <paramref name="actual"/> (a number, list, or list of lists) matches the JSON value.</summary>
    public static void AssertMatches(JsonNode expected, object actual, string context)
    {
        switch (expected)
        {
            case JsonArray array when actual is IReadOnlyList<double> values:
                Assert.True(array.Count == values.Count, $"{context}: expected {array.Count} values, got {values.Count}.");
                for (var i = 0; i < values.Count; i++)
                    AssertClose(array[i]!.GetValue<double>(), values[i], $"{context}[{i}]");
                break;
            case JsonArray array when actual is IReadOnlyList<double[]> rows:
                Assert.True(array.Count == rows.Count, $"{context}: expected {array.Count} rows, got {rows.Count}.");
                for (var i = 0; i < rows.Count; i++)
                    AssertMatches(array[i]!, rows[i], $"{context}[{i}]");
                break;
            case JsonValue value when actual is double number:
                AssertClose(value.GetValue<double>(), number, context);
                break;
            default:
                Assert.Fail($"{context}: cannot compare expected {expected.ToJsonString()} with {actual.GetType().Name}.");
                break;
        }
    }
}
