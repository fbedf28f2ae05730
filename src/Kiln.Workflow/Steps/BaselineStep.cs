using Kiln.Core;
using Kiln.Core.Learners;
using Kiln.Workflow.Runs;

namespace Kiln.Workflow.Steps;

/// <summary>Step 5: scores the baseline, the <c>dummy</c> learner with its defaults (class priors, or the mean), over the validation folds exactly as the candidates are scored.</summary>
/// <remarks>Reads <see cref="RunState.Split"/>; sets <see cref="RunState.Baseline"/>; writes <c>steps/baseline.json</c>.</remarks>
internal sealed class BaselineStep : IWorkflowStep
{
    /// <summary>The baseline learner's kiln.yaml name.</summary>
    public const string Learner = "dummy";

    public string Name => "baseline";

    public void Run(RunState state)
    {
        var task = state.Resolved.Task;
        var seed = state.Resolved.Seed;
        var definition = LearnerCatalog.Get(Learner);
        var options = definition.Hyperparameters(task).Select(info => KeyValuePair.Create(info.Name, Hyperparameters.ToValue(info.DefaultValue))).ToArray();
        IReadOnlyList<CvMetric> metrics;
        try
        {
            metrics = CrossValidation.Score(state, () => definition.Create(task, new LearnerOptions(seed: seed)));
        }
        catch (KilnException exception)
        {
            throw new KilnException($"The baseline ({Learner}) could not be scored, so no candidate can be either: {exception.Message}", exception);
        }
        state.Baseline = new CandidateScores(Learner, Learner, options, metrics);
        JsonFiles.Write(state.StagedFile("steps", "baseline.json"), json =>
        {
            json.WriteStartObject();
            ScoresJson.Candidate(json, state.Baseline);
            json.WriteEndObject();
        });
        var strategy = options.FirstOrDefault(option => option.Key == "strategy").Value?.Text;
        state.Report($"{Learner}{(strategy is null ? string.Empty : $" ({strategy})")}: {Summary.Score(state.Baseline, state.Resolved.Metric)}");
    }
}
