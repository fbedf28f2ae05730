using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

// Weighted rows, balanced classes, entropy, two features of five per split and a depth limit: the seed decides the tree.
public sealed class DecisionTreeClassifierSampledContract : ClassifierContract<DecisionTreeClassifier, DecisionTreeClassifierModel>
{
    protected override DecisionTreeClassifier Create(ulong seed) => new(new DecisionTreeClassifierOptions
    {
        Criterion = DecisionTreeClassifierOptions.Entropy,
        MaxFeatures = "2",
        MaxDepth = 6,
        MinSamplesLeaf = 2,
        ClassWeight = DecisionTreeClassifierOptions.Balanced,
        Seed = seed,
    });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Blobs(rows: 200, seed: 11, classes: 4, featureCount: 5, spread: 4.0), seed: 5);
}
