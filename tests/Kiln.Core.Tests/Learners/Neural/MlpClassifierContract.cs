using Kiln.Core.Learners.Neural;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Neural;

public sealed class MlpClassifierContract : ClassifierContract<MlpClassifier, MlpClassifierModel>
{
    protected override MlpClassifier Create(ulong seed) => new(new MlpOptions { HiddenLayerSizes = "16,8", MaxIter = 20, Dropout = 0.1, Seed = seed });
}
