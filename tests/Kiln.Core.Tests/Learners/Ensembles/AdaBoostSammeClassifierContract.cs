using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class AdaBoostSammeClassifierContract : ClassifierContract<AdaBoostClassifier, AdaBoostClassifierModel>
{
    protected override AdaBoostClassifier Create(ulong seed) =>
        new(new AdaBoostClassifierOptions { NEstimators = 20, Algorithm = AdaBoostClassifierOptions.Samme, MaxDepth = 2, Seed = seed });
}
