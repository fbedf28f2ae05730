using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Baseline;

public sealed class DummyClassifierConstantContract : ClassifierContract<DummyClassifier, DummyClassifierModel>
{
    protected override DummyClassifier Create(ulong seed) => new(new DummyClassifierOptions { Strategy = DummyClassifierOptions.ConstantClass, Constant = "class_1", Seed = seed });
}
