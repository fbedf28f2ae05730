namespace Kiln.Workflow.Steps;

/// <summary>Writes <c>curves.json</c>: the training curves the chosen learner recorded while it was refitted.</summary>
/// <remarks>
/// <code>
/// { "candidate": "gradient_boosting", "rows": 292, "best_step": 41,
///   "metrics": { "train_loss": [{ "step": 1, "value": 0.61 }, ...], "validation_loss": [...] } }
/// </code>
/// Metrics are sorted by name, points by step; <c>best_step</c> is there only when the learner recorded one (it stopped
/// early or kept its best step); a value that is not finite is written as null.
/// </remarks>
internal static class CurvesJson
{
    public const string FileName = "curves.json";

    public static void Write(string path, RecordedCurves curves, string candidate, int rows) => JsonFiles.Write(path, json =>
    {
        json.WriteStartObject();
        json.WriteString("candidate", candidate);
        json.WriteNumber("rows", rows);
        if (curves.BestStep is { } best)
            json.WriteNumber("best_step", best);
        json.WriteStartObject("metrics");
        foreach (var curve in curves.Curves)
        {
            json.WriteStartArray(curve.Name);
            foreach (var point in curve.Points)
            {
                json.WriteStartObject();
                json.WriteNumber("step", point.Step);
                JsonFiles.Number(json, "value", point.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    });
}
