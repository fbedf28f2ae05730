using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class ExtraTreesClassifierContract : ClassifierContract<ExtraTreesClassifier, ExtraTreesClassifierModel>
{
    protected override ExtraTreesClassifier Create(ulong seed) => new(new ExtraTreesClassifierOptions { NEstimators = 10, Seed = seed });
}
