using Kiln.Core.Learners;

namespace Kiln.Workflow.Configuration;

/// <summary>A candidate with every hyperparameter filled in: the learner name and its full options, in declaration order.</summary>
/// <param name="Name">The learner's kiln.yaml name.</param>
/// <param name="Label">A name unique among the candidates: the learner name, numbered (<c>decision_tree#2</c>) when a learner is listed more than once.</param>
/// <param name="Options">Every declared hyperparameter and its value (written or default), in declaration order.</param>
public sealed record ResolvedCandidate(string Name, string Label, IReadOnlyList<KeyValuePair<string, HyperparameterValue>> Options)
{
    /// <summary>The values and <paramref name="seed"/> as the bag a <see cref="LearnerCatalog"/> factory binds.</summary>
    public LearnerOptions ToLearnerOptions(ulong seed) => new(Options, seed);

    /// <summary>Builds the estimator for <paramref name="task"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="HyperparameterException">The learner refuses the values (the config was not resolved for this task).</exception>
    public IEstimator<IPredictor> CreateEstimator(LearnerTask task, ulong seed) => LearnerCatalog.Create(Name, task, ToLearnerOptions(seed));
}
