using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class RandomForestClassifierContract : ClassifierContract<RandomForestClassifier, RandomForestClassifierModel>
{
    protected override RandomForestClassifier Create(ulong seed) => new(new RandomForestClassifierOptions { NEstimators = 10, Seed = seed });
}
