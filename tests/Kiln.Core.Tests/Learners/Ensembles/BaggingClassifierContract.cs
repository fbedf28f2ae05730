using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class BaggingClassifierContract : ClassifierContract<BaggingClassifier, BaggingClassifierModel>
{
    protected override BaggingClassifier Create(ulong seed) => new(new BaggingOptions { NEstimators = 6, Seed = seed });
}
