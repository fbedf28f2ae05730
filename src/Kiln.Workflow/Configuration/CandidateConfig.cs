using Kiln.Core.Learners;

namespace Kiln.Workflow.Configuration;

/// <summary>One entry of kiln.yaml's <c>candidates</c>: a learner name and the hyperparameters written for it.</summary>
/// <param name="Name">The learner's kiln.yaml name (see <see cref="LearnerCatalog"/>).</param>
/// <param name="Options">The hyperparameters written in kiln.yaml, in file order; the rest keep their defaults.</param>
public sealed record CandidateConfig(string Name, IReadOnlyList<KeyValuePair<string, HyperparameterValue>> Options)
{
    /// <summary>Where the learner's name is, when read from a file.</summary>
    internal SourceLocation? Location { get; init; }

    /// <summary>Where each option's key and value are, when read from a file.</summary>
    internal IReadOnlyDictionary<string, (SourceLocation Key, SourceLocation Value)> OptionLocations { get; init; } =
        new Dictionary<string, (SourceLocation Key, SourceLocation Value)>();
}
