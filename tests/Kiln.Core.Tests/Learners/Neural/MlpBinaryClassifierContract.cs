using Kiln.Core.Learners;
using Kiln.Core.Learners.Neural;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Neural;

// The two-class network has one logistic output; the contract runs on breast_cancer's first 200 rows.
public sealed class MlpBinaryClassifierContract : ClassifierContract<MlpClassifier, MlpClassifierModel>
{
    protected override MlpClassifier Create(ulong seed) => new(new MlpOptions { HiddenLayerSizes = "8", MaxIter = 10, Activation = MlpOptions.Logistic, EarlyStopping = true, Seed = seed });

    protected override TrainingSet TrainingData()
    {
        var data = TestData.TrainingSet("breast_cancer.csv", "target");
        return data.Rows(Enumerable.Range(0, 200).ToArray());
    }
}
