using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Metrics;

namespace Kiln.Workflow.Steps;

/// <summary>Step 9: scores the refitted model once on the sealed test rows, with every metric of the task.</summary>
/// <remarks>
/// Reads <see cref="RunState.Model"/> and <see cref="RunState.Split"/>; sets <see cref="RunState.Test"/>; writes
/// <c>predictions.csv</c> (per test row: its file row, the actual value, the prediction and, for classifiers, <c>proba_&lt;class&gt;</c>;
/// <c>kiln evaluate --input predictions.csv --target actual</c> recomputes the test metrics from it) and <c>steps/test.json</c>.
/// </remarks>
internal sealed class TestStep : IWorkflowStep
{
    public string Name => "test";

    public void Run(RunState state)
    {
        var data = state.Data;
        var rows = state.Split.Holdout.Test;
        var scored = data.Score(state.Model, rows);
        state.Test = scored;
        CsvTable.Write(Predictions(state, scored), state.StagedFile("predictions.csv"));
        JsonFiles.Write(state.StagedFile("steps", "test.json"), json =>
        {
            json.WriteStartObject();
            json.WriteNumber("rows", rows.Length);
            json.WriteStartObject("metrics");
            ScoresJson.Report(json, scored.Report);
            json.WriteEndObject();
            json.WriteEndObject();
        });
        var metric = state.Resolved.Metric;
        var value = scored.Report.TryGetMetric(metric, out var result) && result.Succeeded ? Summary.Number(result.Value) : $"undefined ({result?.Error})";
        state.Report(string.Create(CultureInfo.InvariantCulture, $"{metric} {value} on the {rows.Length} test rows (scored once)"));
    }

    /// <summary>The test predictions as a table: <c>row</c>, <c>actual</c>, <c>prediction</c> and the class probabilities.</summary>
    private static Table Predictions(RunState state, ScoredRows scored)
    {
        var data = state.Data;
        var fileRows = scored.Rows.Select(row => (double)state.Ingest.SourceRows[row]).ToArray();
        var columns = new List<Column> { NumericColumn.FromOwned("row", fileRows) };
        if (data.Labels is { } labels)
        {
            columns.Add(CategoricalColumn.FromValues("actual", scored.Rows.Select(row => labels.Classes[labels.Codes[row]])));
            columns.Add(CategoricalColumn.FromValues("prediction", scored.Predicted.Select(code => labels.Classes[(int)code])));
            var classCount = labels.ClassCount;
            for (var c = 0; c < classCount; c++)
            {
                var probabilities = new double[scored.Rows.Length];
                for (var i = 0; i < probabilities.Length; i++)
                    probabilities[i] = scored.Probabilities![i * classCount + c];
                columns.Add(NumericColumn.FromOwned($"proba_{labels.Classes[c]}", probabilities));
            }
        }
        else
        {
            columns.Add(NumericColumn.FromOwned("actual", [.. scored.Rows.Select(row => data.Values![row])]));
            columns.Add(NumericColumn.FromOwned("prediction", scored.Predicted));
        }
        return new Table(columns);
    }

    /// <summary>The test metrics with a value, for the model bundle's manifest.</summary>
    public static IReadOnlyDictionary<string, double> ScalarMetrics(MetricReport report) =>
        report.Metrics.Where(metric => metric.Succeeded && metric.PerClass is null && double.IsFinite(metric.Value))
            .ToDictionary(metric => metric.Name, metric => metric.Value, StringComparer.Ordinal);
}
