using Kiln.Core;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Steps;

/// <summary>Step 7: chooses the candidate with the best mean validation score by kiln.yaml's metric; a tie goes to the one listed first.</summary>
/// <remarks>Reads <see cref="RunState.Candidates"/>; sets <see cref="RunState.Selection"/>; writes <c>steps/selection.json</c>.</remarks>
internal sealed class SelectStep : IWorkflowStep
{
    public string Name => "select";

    public void Run(RunState state)
    {
        var metric = state.Metric;
        var candidates = state.Candidates;
        var best = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Metric(metric.Name)?.Mean is not { } mean)
                continue;
            if (best < 0 || metric.IsBetter(mean, candidates[best].Metric(metric.Name)!.Mean!.Value))
                best = i;
        }
        if (best < 0)
        {
            var reason = candidates.Select(scores => scores.Metric(metric.Name)?.Error ?? scores.Error).FirstOrDefault(error => error is not null);
            throw new KilnException(
                $"No candidate has a validation {metric.Name} to select by ({reason}). Choose a metric defined on every fold (such as {Configuration.KilnConfig.DefaultMetric(state.Resolved.Task)}), or use fewer folds.");
        }
        var chosen = candidates[best];
        state.Selection = new SelectionOutput(state.Resolved.Candidates[best], chosen);
        var ranking = candidates.Where(scores => scores.Metric(metric.Name)?.Mean is not null)
            .OrderBy(scores => metric.GreaterIsBetter ? -scores.Metric(metric.Name)!.Mean!.Value : scores.Metric(metric.Name)!.Mean!.Value)
            .ToArray();
        JsonFiles.Write(state.StagedFile("steps", "selection.json"), json =>
        {
            json.WriteStartObject();
            json.WriteString("metric", metric.Name);
            json.WriteBoolean("greater_is_better", metric.GreaterIsBetter);
            json.WriteString("selected", chosen.Label);
            json.WriteStartArray("ranking");
            foreach (var scores in ranking)
            {
                json.WriteStartObject();
                json.WriteString("name", scores.Label);
                JsonFiles.Number(json, "mean", scores.Metric(metric.Name)!.Mean);
                JsonFiles.Number(json, "std", scores.Metric(metric.Name)!.Std);
                JsonFiles.Number(json, "vs_baseline", Summary.Improvement(scores, state.Baseline, metric));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
        state.Report($"{chosen.Label} ({Summary.Score(chosen, metric.Name)}, best of {ranking.Length} by mean validation {metric.Name})");
        if (Summary.Improvement(chosen, state.Baseline, metric) is not > 0)
            state.Warn($"the selected {chosen.Label} does not beat the baseline ({Summary.Score(state.Baseline, metric.Name)}); the features may not predict '{state.Resolved.Target}'.");
    }
}
