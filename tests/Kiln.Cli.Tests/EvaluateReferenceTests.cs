using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln evaluate --json</c> on CSV files written from every case of tests/reference/metrics_cases.json and
/// metrics_edge_cases.json: every result key is compared with scikit-learn's value (1e-9, see <see cref="MetricReference.Tolerance"/>).
/// </summary>
public sealed class EvaluateReferenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string, string> Cases => MetricReference.AllCases();

    public void Dispose() => _folder.Dispose();

    [Theory, MemberData(nameof(Cases))]
    public void Evaluate_ReferenceCase_MatchesScikitLearn(string file, string name)
    {
        var reference = MetricReference.Get(file, name);
        var path = _folder.Write($"{name}.csv", ToCsv(reference));

        var result = CliRun.Invoke(Arguments(reference, path, withWeights: true));

        Assert.True(result.ExitCode == 0, result.Error);
        var json = result.Json;
        var checkedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, expected) in reference.Results)
        {
            var jsonKey = key == "brier_multiclass_numpy" ? "brier_multiclass" : key;
            var context = $"{reference} {key}";
            Assert.True(json.ContainsKey(jsonKey), $"{context}: the JSON has no '{jsonKey}'. It has: {string.Join(", ", json.Select(p => p.Key))}.");
            checkedKeys.Add(jsonKey);
            var actual = json[jsonKey]!;
            if (key == "confusion_matrix")
            {
                Assert.Equal(reference.ClassNames, actual["labels"]!.AsArray().Select(label => label!.GetValue<string>()));
                var rows = actual["matrix"]!.AsArray().Select(row => row!.AsArray().Select(cell => cell!.GetValue<double>()).ToArray()).ToArray();
                MetricReference.AssertMatches(expected!, rows, context);
            }
            else if (expected is null || MetricReference.IsError(expected))
            {
                Assert.True(MetricReference.IsError(actual), $"{context}: scikit-learn refuses this input, but evaluate printed {actual.ToJsonString()}.");
            }
            else if (reference.IsWeighted && key.StartsWith("roc_auc_ovo", StringComparison.Ordinal))
            {
                // scikit-learn refuses weights for one-vs-one AUC; the reference value is the unweighted one.
                Assert.True(MetricReference.IsError(actual), $"{context}: expected an error with --weight, got {actual.ToJsonString()}.");
                var unweighted = CliRun.Invoke(Arguments(reference, path, withWeights: false));
                MetricReference.AssertMatches(expected, unweighted.Json[jsonKey]!.GetValue<double>(), context + " (without --weight)");
            }
            else
            {
                Assert.False(MetricReference.IsError(actual), $"{context}: {actual.ToJsonString()}");
                object value = actual is JsonArray array ? array.Select(v => v!.GetValue<double>()).ToArray() : actual.GetValue<double>();
                MetricReference.AssertMatches(expected, value, context);
            }
        }
        Assert.Equal(checkedKeys.Order(StringComparer.Ordinal), json.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_BundledExample_MatchesScikitLearn()
    {
        var reference = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "evaluate_example.json")))!;
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "evaluate", "predictions.csv");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "diagnosis", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
        Assert.Contains("positive class: malignant", result.Error, StringComparison.Ordinal);
        var json = result.Json;
        foreach (var (key, expected) in reference["results"]!.AsObject())
        {
            if (key == "confusion_matrix")
            {
                var matrix = json[key]!["matrix"]!.AsArray().Select(row => row!.AsArray().Select(cell => cell!.GetValue<double>()).ToArray()).ToArray();
                MetricReference.AssertMatches(expected!, matrix, "example confusion_matrix");
                Assert.Equal(["benign", "malignant"], json[key]!["labels"]!.AsArray().Select(label => label!.GetValue<string>()));
                continue;
            }
            MetricReference.AssertClose(expected!.GetValue<double>(), json[key]!.GetValue<double>(), $"example {key}");
        }
        Assert.Equal(reference["results"]!.AsObject().Count, json.Count);
    }

    private static string[] Arguments(MetricCase reference, string path, bool withWeights)
    {
        var arguments = new List<string> { "evaluate", "--input", path, "--target", "y", "--json", "--task", reference.IsRegression ? "regression" : "classification" };
        if (withWeights && reference.IsWeighted)
            arguments.AddRange(["--weight", "w"]);
        if (reference.Task == "binary")
            arguments.AddRange(["--positive", reference.ClassNames[reference.PositiveClass]]);
        return [.. arguments];
    }

    /// <summary>The case as a CSV: y, prediction, proba_&lt;class&gt; columns and w for weights.</summary>
    /// <remarks>
    /// Binary cases give only the positive class's column, except the weighted case, which gives both (1 − s and s),
    /// so both forms are read. Every number is written the shortest round-trip way.
    /// </remarks>
    private static string ToCsv(MetricCase reference)
    {
        var header = new List<string> { "y", "prediction" };
        var rowCount = reference.IsRegression ? reference.TrueValues.Length : reference.TrueClasses.Length;
        var columns = new List<string[]>();
        if (reference.IsRegression)
        {
            columns.Add(Format(reference.TrueValues));
            columns.Add(Format(reference.PredictedValues));
        }
        else
        {
            var names = reference.ClassNames;
            columns.Add(Array.ConvertAll(reference.TrueClasses, code => names[code]));
            columns.Add(Array.ConvertAll(reference.PredictedClasses, code => names[code]));
            var probabilities = reference.Probabilities;
            var classCount = names.Length;
            for (var k = 0; k < classCount; k++)
            {
                var isBinaryNegative = reference.Task == "binary" && k != reference.PositiveClass;
                if (isBinaryNegative && !reference.IsWeighted)
                    continue;
                header.Add($"proba_{names[k]}");
                columns.Add(Format(Enumerable.Range(0, rowCount).Select(row => probabilities[row * classCount + k]).ToArray()));
            }
        }
        if (reference.IsWeighted)
        {
            header.Add("w");
            columns.Add(Format(reference.Weights));
        }
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', header));
        for (var row = 0; row < rowCount; row++)
            text.AppendLine(string.Join(',', columns.Select(column => column[row])));
        return text.ToString();
    }

    private static string[] Format(double[] values) => Array.ConvertAll(values, value => value.ToString("R", CultureInfo.InvariantCulture));
}
