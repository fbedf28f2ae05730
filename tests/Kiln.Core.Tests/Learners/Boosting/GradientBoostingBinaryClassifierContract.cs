using Kiln.Core.Learners;
using Kiln.Core.Learners.Boosting;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Boosting;

// Two classes: the binomial loss, one tree per stage, with row subsamples.
public sealed class GradientBoostingBinaryClassifierContract : ClassifierContract<GradientBoostingClassifier, GradientBoostingClassifierModel>
{
    protected override GradientBoostingClassifier Create(ulong seed) => new(new GradientBoostingClassifierOptions { NEstimators = 10, Subsample = 0.8, Seed = seed });

    protected override TrainingSet TrainingData() => Datasets.Blobs(rows: 200, seed: 11, classes: 2, spread: 2.0);

    // Blobs alternate classes row by row, so the default odd-row view would hold one class: take rows 0, 1, 4, 5, 8, 9, … instead.
    protected override TrainingSet OtherTrainingData()
    {
        var data = TrainingData();
        return data.Rows([.. Enumerable.Range(0, data.RowCount).Where(row => row % 4 < 2)]);
    }
}
