using System.Globalization;
using System.Text.Json;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Steps;

/// <summary>Writes metrics.json: the run's identity, data, validation scores of the baseline and every candidate, the choice, and the test metrics.</summary>
/// <remarks>
/// Two runs of the same kiln.yaml on the same data write the same file except for <c>job_name</c>, <c>run_id</c> and
/// <c>started_at</c>. The keys are listed in docs/workflow.md.
/// </remarks>
internal static class MetricsDocument
{
    public const string FileName = "metrics.json";

    public static string ToText(RunState state) => JsonFiles.ToText(json => Write(json, state));

    private static void Write(Utf8JsonWriter json, RunState state)
    {
        var config = state.Resolved;
        var ingest = state.Ingest;
        var split = state.Split;
        var metric = state.Metric;
        json.WriteStartObject();
        json.WriteString("job_name", state.Identity.JobName);
        json.WriteString("run_id", state.Identity.RunId);
        json.WriteString("started_at", state.Identity.StartedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("name", config.Name);
        json.WriteString("namespace", config.Namespace);
        json.WriteString("task", ConfigNames.Of(config.Task));
        json.WriteString("target", config.Target);
        json.WriteString("metric", metric.Name);
        json.WriteBoolean("greater_is_better", metric.GreaterIsBetter);
        json.WriteNumber("seed", config.Seed);

        json.WriteStartObject("data");
        json.WriteString("path", ingest.Source.Path);
        json.WriteString("format", ConfigNames.Of(ingest.Source.Format));
        json.WriteNumber("rows", ingest.RowsRead);
        json.WriteNumber("columns", ingest.Schema.Count);
        json.WriteString("content_hash", ingest.Sha256);
        json.WriteString("dataset", ingest.Dataset);
        json.WriteString("version", ingest.Version);
        json.WriteNumber("rows_missing_target", ingest.MissingTargetRows.Length);
        json.WriteNumber("rows_used", state.Data.RowCount);
        json.WriteEndObject();

        json.WriteStartObject("split");
        json.WriteNumber("train", split.Holdout.Train.Length);
        json.WriteNumber("validation", split.Holdout.Validation.Length);
        json.WriteNumber("test", split.Holdout.Test.Length);
        json.WriteEndObject();

        var method = config.Validation.Method!.Value;
        json.WriteStartObject("validation");
        json.WriteString("method", ConfigNames.Of(method));
        if (method != ValidationMethod.Holdout)
        {
            json.WriteNumber("folds", config.Validation.Folds);
            json.WriteNumber("repeats", config.Validation.Repeats);
        }
        json.WriteString("std", "population (ddof=0), as np.std over cross_validate scores");
        json.WriteEndObject();

        json.WriteStartObject("baseline");
        ScoresJson.Candidate(json, state.Baseline);
        json.WriteEndObject();

        json.WriteStartArray("candidates");
        foreach (var scores in state.Candidates)
        {
            json.WriteStartObject();
            ScoresJson.Candidate(json, scores);
            json.WriteStartObject("vs_baseline");
            json.WriteString("metric", metric.Name);
            JsonFiles.Number(json, "difference", Summary.Improvement(scores, state.Baseline, metric));
            json.WriteNumber("folds_better", Summary.FoldsBetter(scores, state.Baseline, metric));
            json.WriteNumber("folds", split.Folds.Count);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteString("selected", state.Selection.Scores.Label);

        json.WriteStartObject("test");
        ScoresJson.Report(json, state.Test.Report);
        json.WriteEndObject();

        JsonFiles.Strings(json, "warnings", state.Warnings);
        json.WriteEndObject();
    }
}
