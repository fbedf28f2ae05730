using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class AdaBoostClassifierContract : ClassifierContract<AdaBoostClassifier, AdaBoostClassifierModel>
{
    protected override AdaBoostClassifier Create(ulong seed) => new(new AdaBoostClassifierOptions { NEstimators = 20, Seed = seed });
}
