using System.Text.Json;

namespace Kiln.Workflow.Steps;

/// <summary>Writes training curves as JSON: <c>curves.json</c> (the refit's) and <c>steps/fold_curves.json</c> (each fold's).</summary>
/// <remarks>
/// <code>
/// { "candidate": "gradient_boosting", "rows": 292, "best_step": 41,
///   "metrics": { "train_loss": [{ "step": 1, "value": 0.61 }, ...], "validation_loss": [...] } }
/// </code>
/// Metrics are sorted by name, points by step; <c>best_step</c> is there only when the learner recorded one (it stopped
/// early or kept its best step); a value that is not finite is written as null. <c>steps/fold_curves.json</c> maps each
/// candidate that recorded curves in cross-validation to a list of <c>{ "repeat", "fold", "best_step", "metrics" }</c>,
/// the folds numbered from 0 as in split.json.
/// </remarks>
internal static class CurvesJson
{
    public const string FileName = "curves.json";

    public const string FoldsFileName = "fold_curves.json";

    public static void Write(string path, RecordedCurves curves, string candidate, int rows) => JsonFiles.Write(path, json =>
    {
        json.WriteStartObject();
        json.WriteString("candidate", candidate);
        json.WriteNumber("rows", rows);
        Body(json, curves);
        json.WriteEndObject();
    });

    public static void WriteFolds(string path, IReadOnlyList<(string Candidate, IReadOnlyList<FoldCurves> Folds)> candidates) => JsonFiles.Write(path, json =>
    {
        json.WriteStartObject();
        foreach (var (candidate, folds) in candidates)
        {
            json.WriteStartArray(candidate);
            foreach (var fold in folds)
            {
                json.WriteStartObject();
                json.WriteNumber("repeat", fold.Repeat);
                json.WriteNumber("fold", fold.Fold);
                Body(json, fold.Curves);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    });

    private static void Body(Utf8JsonWriter json, RecordedCurves curves)
    {
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
    }
}
