using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;

namespace Kiln.Core.Tests.Learners;

public sealed class LearnerCatalogTests
{
    [Fact]
    public void All_Dummy_IsABaselineForBothTasks()
    {
        var dummy = LearnerCatalog.Get("dummy");

        Assert.True(dummy.IsBaseline);
        Assert.Equal([LearnerTask.Classification, LearnerTask.Regression], dummy.Tasks);
        Assert.Contains(dummy, LearnerCatalog.ForTask(LearnerTask.Classification));
        Assert.Contains(dummy, LearnerCatalog.ForTask(LearnerTask.Regression));
        Assert.DoesNotContain(dummy, LearnerCatalog.DefaultCandidates(LearnerTask.Classification));
    }

    [Fact]
    public void All_Names_AreSorted()
    {
        var names = LearnerCatalog.All.Select(learner => learner.Name).ToArray();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Create_DummyClassifier_BindsValuesAndSeed()
    {
        var options = new LearnerOptions([KeyValuePair.Create("strategy", HyperparameterValue.Scalar("uniform"))], seed: 7);

        var estimator = LearnerCatalog.Create("dummy", LearnerTask.Classification, options);

        var classifier = Assert.IsType<DummyClassifier>(estimator);
        Assert.Equal(new DummyClassifierOptions { Strategy = "uniform", Seed = 7 }, classifier.Options);
    }

    [Fact]
    public void Create_DummyRegressor_BindsTheRegressionOptions()
    {
        var options = new LearnerOptions(
            [KeyValuePair.Create("strategy", HyperparameterValue.Scalar("quantile")), KeyValuePair.Create("quantile", HyperparameterValue.Scalar("0.25"))],
            seed: 7);

        var regressor = Assert.IsType<DummyRegressor>(LearnerCatalog.Create("dummy", LearnerTask.Regression, options));

        Assert.Equal(new DummyRegressorOptions { Strategy = "quantile", Quantile = 0.25 }, regressor.Options);
    }

    [Fact]
    public void Create_UnknownHyperparameter_NamesTheLearner()
    {
        var options = new LearnerOptions([KeyValuePair.Create("stratgy", HyperparameterValue.Scalar("prior"))]);

        var error = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("dummy", LearnerTask.Classification, options));

        Assert.Equal("dummy", error.Subject);
        Assert.Equal("stratgy", error.Key);
        Assert.Equal("dummy: unknown hyperparameter 'stratgy'; did you mean 'strategy'? Allowed: strategy, constant.", error.Message);
    }

    [Fact]
    public void Create_ValueOutOfRange_NamesLearnerAndKey()
    {
        var options = new LearnerOptions([KeyValuePair.Create("quantile", HyperparameterValue.Scalar("1.5"))]);

        var error = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("dummy", LearnerTask.Regression, options));

        Assert.Equal("dummy, 'quantile': expected a number from 0 to 1, got '1.5'.", error.Message);
    }

    [Fact]
    public void Create_ValuesTheEstimatorRefusesTogether_ThrowsWithoutKey()
    {
        var options = new LearnerOptions([KeyValuePair.Create("strategy", HyperparameterValue.Scalar("constant"))]);

        var error = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("dummy", LearnerTask.Classification, options));

        Assert.Null(error.Key);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Equal("dummy: Strategy 'constant' needs Constant, the class label to predict.", error.Message);
    }

    [Fact]
    public void Get_UnknownName_SuggestsNearest()
    {
        var error = Assert.Throws<ArgumentException>(() => LearnerCatalog.Get("dumy"));

        Assert.StartsWith("Unknown learner 'dumy'; did you mean 'dummy'? Known learners: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyperparameters_Dummy_ListsEachVariantsDeclarations()
    {
        var dummy = LearnerCatalog.Get("dummy");

        Assert.Equal(["strategy", "constant"], dummy.Hyperparameters(LearnerTask.Classification).Select(info => info.Name));
        Assert.Equal(["strategy", "quantile", "constant"], dummy.Hyperparameters(LearnerTask.Regression).Select(info => info.Name));
        Assert.Equal(typeof(DummyRegressorOptions), dummy.OptionsType(LearnerTask.Regression));
    }

    [Fact]
    public void Register_ExternalLearner_IsListedAndBuilt()
    {
        LearnerCatalog.Register("catalog_test_external", classification: o => new DummyClassifier(o.Bind<DummyClassifierOptions>()), description: "A test learner.");

        var learner = LearnerCatalog.Get("catalog_test_external");
        Assert.Equal([LearnerTask.Classification], learner.Tasks);
        Assert.Contains(learner, LearnerCatalog.DefaultCandidates(LearnerTask.Classification));
        Assert.DoesNotContain(learner, LearnerCatalog.ForTask(LearnerTask.Regression));
        Assert.IsType<DummyClassifier>(learner.Create(LearnerTask.Classification, LearnerOptions.Empty));
        var error = Assert.Throws<ArgumentException>(() => learner.Create(LearnerTask.Regression, LearnerOptions.Empty));
        Assert.StartsWith("Learner 'catalog_test_external' has no regression variant; it does classification only.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_SameNameTwice_Throws()
    {
        LearnerCatalog.Register("catalog_test_twice", regression: o => new DummyRegressor(o.Bind<DummyRegressorOptions>()));

        var error = Assert.Throws<ArgumentException>(() => LearnerCatalog.Register("catalog_test_twice", regression: _ => new DummyRegressor()));

        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RandomForest")]
    [InlineData("random-forest")]
    [InlineData("1forest")]
    [InlineData("")]
    public void Register_NotSnakeCase_Throws(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => LearnerCatalog.Register(name, regression: _ => new DummyRegressor()));

        Assert.Contains("not a valid learner name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_NoFactory_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => LearnerCatalog.Register("catalog_test_empty"));

        Assert.Contains("needs a classification or a regression factory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LearnerWithoutOptionsGivenValues_RefusesThem()
    {
        LearnerCatalog.Register("catalog_test_plain", regression: _ => new DummyRegressor());
        var options = new LearnerOptions([KeyValuePair.Create("depth", HyperparameterValue.Scalar("3"))]);

        var error = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("catalog_test_plain", LearnerTask.Regression, options));

        Assert.Equal("catalog_test_plain: unknown hyperparameter 'depth'; it takes no hyperparameters.", error.Message);
        Assert.Empty(LearnerCatalog.Get("catalog_test_plain").Hyperparameters(LearnerTask.Regression));
    }

    [Fact]
    public void EveryLearner_DefaultOptions_RoundTripThroughTheirValues()
    {
        foreach (var learner in LearnerCatalog.All)
        {
            foreach (var task in learner.Tasks)
            {
                if (learner.OptionsType(task) is not { } type)
                    continue;
                var defaults = Activator.CreateInstance(type)!;
                var values = Hyperparameters.Values(defaults);

                var bound = Hyperparameters.Bind(type, values.ToDictionary());

                Assert.Equal(values, Hyperparameters.Values(bound));
            }
        }
    }
}
