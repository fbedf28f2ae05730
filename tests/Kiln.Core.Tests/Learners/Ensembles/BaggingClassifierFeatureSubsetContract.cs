using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

// Base models on half the rows (drawn without replacement) and a feature subset drawn with replacement, on a base
// learner other than the tree, so the contract covers the row and column views and the class mapping.
public sealed class BaggingClassifierFeatureSubsetContract : ClassifierContract<BaggingClassifier, BaggingClassifierModel>
{
    protected override BaggingClassifier Create(ulong seed) => new(new BaggingOptions
    {
        Estimator = "logistic_regression",
        NEstimators = 5,
        MaxSamples = 0.5,
        MaxFeatures = 2,
        Bootstrap = false,
        BootstrapFeatures = true,
        Seed = seed,
    });

    protected override TrainingSet TrainingData() => Datasets.Blobs(rows: 200, seed: 11, classes: 3, featureCount: 4);
}
