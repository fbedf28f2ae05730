using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

// Two classes: the single-logit binomial model, with sample weights and balanced class weights.
public sealed class LogisticRegressionBinaryContract : ClassifierContract<LogisticRegressionClassifier, LogisticRegressionModel>
{
    protected override LogisticRegressionClassifier Create(ulong seed) => new(new LogisticRegressionOptions { ClassWeight = LogisticRegressionOptions.BalancedClassWeight });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Blobs(rows: 200, seed: 11, classes: 2, featureCount: 3, spread: 4), seed: 5);

    // Blobs alternate classes, so the default odd rows would hold one class only; every row but each third keeps both.
    protected override TrainingSet OtherTrainingData() => TrainingData().Rows([.. Enumerable.Range(0, 200).Where(row => row % 3 != 0)]);
}
