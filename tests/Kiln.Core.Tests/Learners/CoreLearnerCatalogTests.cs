using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Tests.Learners;

/// <summary>The learners Kiln.Core registers under their kiln.yaml names.</summary>
public sealed class CoreLearnerCatalogTests
{
    [Theory]
    [InlineData("dummy", true, true)]
    [InlineData("logistic_regression", true, false)]
    [InlineData("linear_regression", false, true)]
    [InlineData("ridge", false, true)]
    [InlineData("decision_tree", true, true)]
    [InlineData("random_forest", true, true)]
    [InlineData("extra_trees", true, true)]
    [InlineData("gradient_boosting", true, true)]
    public void Get_CoreLearner_SupportsItsTasks(string name, bool classification, bool regression)
    {
        var learner = LearnerCatalog.Get(name);

        Assert.Equal(classification, learner.Supports(LearnerTask.Classification));
        Assert.Equal(regression, learner.Supports(LearnerTask.Regression));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0.5")]
    [InlineData("sqrt")]
    public void Create_DecisionTreeMaxFeatures_AcceptsCountsFractionsAndNames(string value)
    {
        var options = new LearnerOptions([KeyValuePair.Create("max_features", HyperparameterValue.Scalar(value))], seed: 3);

        var estimator = (DecisionTreeClassifier)LearnerCatalog.Create("decision_tree", LearnerTask.Classification, options);

        Assert.Equal(value, estimator.Options.MaxFeatures);
        Assert.Equal(3ul, estimator.Options.Seed);
    }

    [Fact]
    public void Create_DecisionTreeMaxFeaturesNonsense_FailsNamingTheKey()
    {
        var options = new LearnerOptions([KeyValuePair.Create("max_features", HyperparameterValue.Scalar("many"))]);

        var error = Assert.ThrowsAny<Exception>(() => LearnerCatalog.Create("decision_tree", LearnerTask.Classification, options));

        Assert.Contains("max_features", error.Message, StringComparison.Ordinal);
    }
}
