using System.Globalization;
using Kiln.Core.Learners;

namespace Kiln.Workflow.Steps;

/// <summary>Step 8: refits the chosen candidate, preparation included, on the train and validation rows together.</summary>
/// <remarks>Reads <see cref="RunState.Selection"/> and <see cref="RunState.Split"/>; sets <see cref="RunState.Model"/>; writes <c>steps/refit.json</c>.</remarks>
internal sealed class RefitStep : IWorkflowStep
{
    public string Name => "refit";

    public void Run(RunState state)
    {
        var config = state.Resolved;
        var candidate = state.Selection.Candidate;
        var rows = state.Split.Development;
        var context = new FitContext
        {
            CancellationToken = state.CancellationToken,
            MaxDegreeOfParallelism = Math.Max(1, state.Options.MaxDegreeOfParallelism),
            TimeProvider = state.Options.TimeProvider,
        };
        state.Model = ModelingData.Pipeline(candidate.CreateEstimator(config.Task, config.Seed)).Fit(state.Data.Rows(rows), context);
        JsonFiles.Write(state.StagedFile("steps", "refit.json"), json =>
        {
            json.WriteStartObject();
            json.WriteString("candidate", candidate.Label);
            json.WriteString("learner", candidate.Name);
            JsonFiles.Options(json, "options", candidate.Options);
            json.WriteNumber("rows", rows.Length);
            JsonFiles.Strings(json, "inputs", state.Model.InputSchema.Names);
            json.WriteString("predictor", state.Model.Predictor.Kind);
            json.WriteEndObject();
        });
        state.Report(string.Create(CultureInfo.InvariantCulture, $"{candidate.Label} on the {rows.Length} train and validation rows"));
    }
}
