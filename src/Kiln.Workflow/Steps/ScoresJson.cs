using System.Text.Json;
using Kiln.Core.Metrics;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Steps;

/// <summary>Writes validation scores and metric reports in the shapes metrics.json and the step files share.</summary>
internal static class ScoresJson
{
    /// <summary><c>{metric: {mean, std, folds: […]}, …}</c>; a metric undefined in some fold has null mean and std and an <c>error</c>.</summary>
    public static void Cv(Utf8JsonWriter json, string name, IReadOnlyList<CvMetric> metrics)
    {
        json.WriteStartObject(name);
        foreach (var metric in metrics)
        {
            json.WriteStartObject(metric.Name);
            JsonFiles.Number(json, "mean", metric.Mean);
            JsonFiles.Number(json, "std", metric.Std);
            json.WriteStartArray("folds");
            foreach (var value in metric.Folds)
                JsonFiles.Number(json, value);
            json.WriteEndArray();
            if (metric.Error is { } error)
                json.WriteString("error", error);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary><c>{name, learner, options, cv}</c> and the <c>error</c> of a candidate that failed.</summary>
    public static void Candidate(Utf8JsonWriter json, CandidateScores scores)
    {
        json.WriteString("name", scores.Label);
        json.WriteString("learner", scores.Learner);
        JsonFiles.Options(json, "options", scores.Options);
        Cv(json, "cv", scores.Metrics);
        if (scores.Error is { } error)
            json.WriteString("error", error);
    }

    /// <summary>Every metric of a report as <c>name: value</c> (an undefined one as <c>{"error": …}</c>), per-class metrics as <c>{class: value}</c>, and the confusion matrix.</summary>
    public static void Report(Utf8JsonWriter json, MetricReport report)
    {
        var classes = (report as ClassificationReport)?.Classes;
        foreach (var metric in report.Metrics)
        {
            json.WritePropertyName(metric.Name);
            if (metric.Error is { } error)
            {
                json.WriteStartObject();
                json.WriteString("error", error);
                json.WriteEndObject();
            }
            else if (metric.PerClass is { } values && classes is not null)
            {
                json.WriteStartObject();
                for (var c = 0; c < values.Count; c++)
                    JsonFiles.Number(json, classes[c], values[c]);
                json.WriteEndObject();
            }
            else
            {
                JsonFiles.Number(json, metric.Value);
            }
        }
        if (report is ClassificationReport classification)
        {
            json.WriteStartObject("confusion_matrix");
            JsonFiles.Strings(json, "labels", classification.Classes);
            json.WriteStartArray("matrix");
            foreach (var row in classification.ConfusionMatrix.ToRows())
            {
                json.WriteStartArray();
                foreach (var cell in row)
                    json.WriteNumberValue(cell);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
