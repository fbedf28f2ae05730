using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

// Weighted rows, a third of the features per split, leaf and weight limits: the seed decides the tree.
public sealed class DecisionTreeRegressorSampledContract : EstimatorContract<DecisionTreeRegressor, DecisionTreeRegressorModel>
{
    protected override DecisionTreeRegressor Create(ulong seed) => new(new DecisionTreeRegressorOptions
    {
        MaxFeatures = "0.3",
        MinSamplesLeaf = 3,
        MinWeightFractionLeaf = 0.01,
        Seed = seed,
    });

    protected override TrainingSet TrainingData() => Datasets.WithWeights(Datasets.Friedman1(rows: 200, seed: 11), seed: 5);
}
