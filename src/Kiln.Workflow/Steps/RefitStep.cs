using System.Globalization;
using Kiln.Core.Learners;

namespace Kiln.Workflow.Steps;

/// <summary>Step 8: refits the chosen candidate, preparation included, on the train and validation rows together.</summary>
/// <remarks>
/// Reads <see cref="RunState.Selection"/> and <see cref="RunState.Split"/>; sets <see cref="RunState.Model"/> and
/// <see cref="RunState.Curves"/>; writes <c>steps/refit.json</c>, and <c>curves.json</c> when the learner recorded training
/// curves. The fit gets a metric sink but no validation set: the test rows stay sealed, and a learner that stops early
/// holds its own validation share out of these rows.
/// </remarks>
internal sealed class RefitStep : IWorkflowStep
{
    public string Name => "refit";

    public void Run(RunState state)
    {
        var config = state.Resolved;
        var candidate = state.Selection.Candidate;
        var rows = state.Split.Development;
        var recorder = new CurveRecorder();
        var context = new FitContext
        {
            CancellationToken = state.CancellationToken,
            Metrics = recorder,
            MaxDegreeOfParallelism = Math.Max(1, state.Options.MaxDegreeOfParallelism),
            TimeProvider = state.Options.TimeProvider,
        };
        state.Model = ModelingData.Pipeline(candidate.CreateEstimator(config.Task, config.Seed)).Fit(state.Data.Rows(rows), context);
        var curves = recorder.Snapshot();
        state.Curves = curves;
        if (!curves.IsEmpty)
            CurvesJson.Write(state.StagedFile(CurvesJson.FileName), curves, candidate.Label, rows.Length);
        JsonFiles.Write(state.StagedFile("steps", "refit.json"), json =>
        {
            json.WriteStartObject();
            json.WriteString("candidate", candidate.Label);
            json.WriteString("learner", candidate.Name);
            JsonFiles.Options(json, "options", candidate.Options);
            json.WriteNumber("rows", rows.Length);
            JsonFiles.Strings(json, "inputs", state.Model.InputSchema.Names);
            json.WriteString("predictor", state.Model.Predictor.Kind);
            JsonFiles.Strings(json, "curves", curves.Curves.Select(curve => curve.Name));
            json.WriteEndObject();
        });
        state.Report(string.Create(CultureInfo.InvariantCulture, $"{candidate.Label} on the {rows.Length} train and validation rows{CurvesNote(curves)}"));
    }

    private static string CurvesNote(RecordedCurves curves)
    {
        if (curves.IsEmpty)
            return string.Empty;
        var names = curves.Curves.Count > 0 ? $"; training curves: {string.Join(", ", curves.Curves.Select(curve => curve.Name))}" : string.Empty;
        return curves.BestStep is { } best ? string.Create(CultureInfo.InvariantCulture, $"{names}; early stopping at step {best}") : names;
    }
}
