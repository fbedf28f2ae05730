using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class ExtraTreesTests
{
    [Fact]
    public void Fit_OneThreadOrTwo_ClassifierProbabilitiesBitIdentical()
    {
        var data = Datasets.Blobs(rows: 300, classes: 3, featureCount: 5, spread: 3.0);
        var options = new ExtraTreesClassifierOptions { NEstimators = 16, Seed = 11 };

        var one = new ExtraTreesClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var two = new ExtraTreesClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Bits.Equal(one.PredictProbabilities(data.Features), two.PredictProbabilities(data.Features), "probabilities");
    }

    [Fact]
    public void Fit_OneThreadOrTwo_RegressorPredictionsBitIdentical()
    {
        var data = Datasets.Friedman1(rows: 300);
        var options = new ExtraTreesRegressorOptions { NEstimators = 16, Seed = 5 };

        var one = new ExtraTreesRegressor(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var two = new ExtraTreesRegressor(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Bits.Equal(one.Predict(data.Features), two.Predict(data.Features), "predictions");
    }

    [Fact]
    public void Fit_Thresholds_InsideTheNodeRangeAndNotMidpoints()
    {
        // A random threshold lies in [min, max) of the split's node values; with 200 rows of continuous features almost
        // none is the midpoint of two adjacent values, which is all a best-split tree uses.
        var data = Datasets.Friedman1(rows: 200);
        var model = new ExtraTreesRegressor(new ExtraTreesRegressorOptions { NEstimators = 1, MaxDepth = 1 }).Fit(data);
        var tree = model.Trees[0];
        var values = ((Kiln.Core.Data.NumericColumn)data.Features[tree.Feature(0)]).Values.ToArray();
        var threshold = tree.Threshold(0);

        Assert.InRange(threshold, values.Min(), values.Max());
        var below = values.Where(value => value <= threshold).Max();
        var above = values.Where(value => value > threshold).Min();
        Assert.NotEqual((below / 2.0) + (above / 2.0), threshold);
        Assert.Equal(values.Count(value => value <= threshold), tree.SampleCount(tree.LeftChild(0)));
    }

    [Fact]
    public void Defaults_AreScikitLearns()
    {
        var classifier = new ExtraTreesClassifierOptions();
        var regressor = new ExtraTreesRegressorOptions();

        Assert.Equal((100, "sqrt", false), (classifier.NEstimators, classifier.MaxFeatures, classifier.Bootstrap));
        Assert.Equal((100, "1.0", false), (regressor.NEstimators, regressor.MaxFeatures, regressor.Bootstrap));
    }

    [Fact]
    public void ModelKinds_ExtraTreesKinds_AreKnown()
    {
        Assert.True(ModelKinds.IsKnown(ExtraTreesClassifierModel.ModelKind));
        Assert.True(ModelKinds.IsKnown(ExtraTreesRegressorModel.ModelKind));
        Assert.Equal("extra_trees_regressor", ((IModel)new ExtraTreesRegressor(new ExtraTreesRegressorOptions { NEstimators = 2 }).Fit(Datasets.Friedman1(rows: 20))).Kind);
    }
}
