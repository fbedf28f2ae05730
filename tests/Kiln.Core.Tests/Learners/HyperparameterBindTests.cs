using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners;

public sealed class HyperparameterBindTests
{
    public enum SplitCriterion
    {
        Gini,
        Entropy,
        LogLoss,
    }

    public sealed record ForestOptions
    {
        [Hyperparameter("n_estimators", Min = 1, Max = 2000, Log = true)]
        public int TreeCount { get; init; } = 100;

        [Hyperparameter(Min = 1)]
        public int? MaxDepth { get; init; }

        [Hyperparameter(Choices = ["sqrt", "log2", "1.0"])]
        public string MaxFeatures { get; init; } = "sqrt";

        [Hyperparameter]
        public SplitCriterion Criterion { get; init; } = SplitCriterion.Gini;

        [Hyperparameter(Min = 0, Max = 1)]
        public double LearningRate { get; init; } = 0.1;

        [Hyperparameter]
        public double MaxLeafValue { get; init; } = double.PositiveInfinity;

        [Hyperparameter]
        public bool Bootstrap { get; init; } = true;

        [Hyperparameter]
        public string? ClassWeight { get; init; }

        [Hyperparameter]
        public string Label { get; init; } = "forest";

        [Hyperparameter]
        public int[] HiddenLayers { get; init; } = [64, 32];

        [Hyperparameter]
        public long Budget { get; init; } = 10;

        [Hyperparameter]
        public ulong Salt { get; init; }

        public ulong Seed { get; init; } = 3;
    }

    public sealed record IntSeedOptions
    {
        [Hyperparameter]
        public int Depth { get; init; } = 2;

        public int Seed { get; init; }
    }

    public sealed record UnsupportedOptions
    {
        [Hyperparameter]
        public TimeSpan Timeout { get; init; }
    }

    [Fact]
    public void Bind_NoValues_ReturnsDefaults()
    {
        var options = Hyperparameters.Bind<ForestOptions>(Values());

        Assert.Equal(100, options.TreeCount);
        Assert.Null(options.MaxDepth);
        Assert.Equal(3ul, options.Seed);
        Assert.Equal([64, 32], options.HiddenLayers);
    }

    [Fact]
    public void Bind_EveryType_ConvertsTheText()
    {
        var options = Hyperparameters.Bind<ForestOptions>(Values(
            ("n_estimators", "250"), ("max_depth", "8"), ("max_features", "1.0"), ("criterion", "log_loss"),
            ("learning_rate", "5e-2"), ("max_leaf_value", "-.inf"), ("bootstrap", "false"), ("class_weight", "balanced"),
            ("label", "true"), ("budget", "-9000000000"), ("salt", "18446744073709551615")));

        Assert.Equal(250, options.TreeCount);
        Assert.Equal(8, options.MaxDepth);
        Assert.Equal("1.0", options.MaxFeatures);
        Assert.Equal(SplitCriterion.LogLoss, options.Criterion);
        Assert.Equal(0.05, options.LearningRate);
        Assert.Equal(double.NegativeInfinity, options.MaxLeafValue);
        Assert.False(options.Bootstrap);
        Assert.Equal("balanced", options.ClassWeight);
        Assert.Equal("true", options.Label);
        Assert.Equal(-9_000_000_000L, options.Budget);
        Assert.Equal(ulong.MaxValue, options.Salt);
    }

    [Fact]
    public void Bind_List_SetsArray()
    {
        var values = new Dictionary<string, HyperparameterValue>
        {
            ["hidden_layers"] = HyperparameterValue.List([HyperparameterValue.Scalar("128"), HyperparameterValue.Scalar("16"), HyperparameterValue.Scalar("4")]),
        };

        Assert.Equal([128, 16, 4], Hyperparameters.Bind<ForestOptions>(values).HiddenLayers);
    }

    [Fact]
    public void Bind_ScalarForList_SetsOneItem()
    {
        Assert.Equal([7], Hyperparameters.Bind<ForestOptions>(Values(("hidden_layers", "7"))).HiddenLayers);
    }

    [Fact]
    public void Bind_ListForScalar_ThrowsNamingTheList()
    {
        var values = new Dictionary<string, HyperparameterValue>
        {
            ["n_estimators"] = HyperparameterValue.List([HyperparameterValue.Scalar("1"), HyperparameterValue.Scalar("2")]),
        };

        var error = Assert.Throws<HyperparameterException>(() => Hyperparameters.Bind<ForestOptions>(values));

        Assert.Equal("expected a single value (a whole number from 1 to 2000), got the list [1, 2].", error.Problem);
    }

    [Fact]
    public void Bind_Null_SetsNullableAndRefusesOthers()
    {
        var nullDepth = new Dictionary<string, HyperparameterValue> { ["max_depth"] = HyperparameterValue.Null, ["class_weight"] = HyperparameterValue.Null };
        Assert.Null(Hyperparameters.Bind<ForestOptions>(nullDepth).MaxDepth);

        var nullLabel = new Dictionary<string, HyperparameterValue> { ["label"] = HyperparameterValue.Null };
        var error = Assert.Throws<HyperparameterException>(() => Hyperparameters.Bind<ForestOptions>(nullLabel));
        Assert.Equal("label", error.Key);
        Assert.Equal("expected text, got null; remove the key to keep the default (forest).", error.Problem);

        var nullCount = new Dictionary<string, HyperparameterValue> { ["n_estimators"] = HyperparameterValue.Null };
        var countError = Assert.Throws<HyperparameterException>(() => Hyperparameters.Bind<ForestOptions>(nullCount));
        Assert.Equal("expected a whole number from 1 to 2000, got null; remove the key to keep the default (100).", countError.Problem);
    }

    [Theory]
    [InlineData("n_estimators", "abc", "expected a whole number from 1 to 2000, got 'abc'.")]
    [InlineData("n_estimators", "8.5", "expected a whole number from 1 to 2000, got '8.5'.")]
    [InlineData("n_estimators", "0", "expected a whole number from 1 to 2000, got '0'.")]
    [InlineData("n_estimators", "2001", "expected a whole number from 1 to 2000, got '2001'.")]
    [InlineData("max_depth", "0", "expected a whole number of at least 1, got '0'.")]
    [InlineData("max_depth", "3000000000", "expected a whole number of at least 1, got '3000000000', which is beyond the largest whole number this hyperparameter holds (2147483647).")]
    [InlineData("n_estimators", "3000000000", "expected a whole number from 1 to 2000, got '3000000000'.")]
    [InlineData("budget", "1e3", "expected a whole number, got '1e3'.")]
    [InlineData("salt", "-1", "expected a whole number of at least 0, got '-1'.")]
    [InlineData("learning_rate", "fast", "expected a number from 0 to 1, got 'fast'.")]
    [InlineData("learning_rate", "1.5", "expected a number from 0 to 1, got '1.5'.")]
    [InlineData("learning_rate", ".nan", "expected a number from 0 to 1, got '.nan'.")]
    [InlineData("max_leaf_value", "NaN", "expected a number, got 'NaN'.")]
    [InlineData("bootstrap", "yes", "expected true or false, got 'yes'.")]
    [InlineData("max_features", "sqr", "expected one of sqrt, log2, 1.0, got 'sqr'; did you mean 'sqrt'?")]
    [InlineData("max_features", "Sqrt", "expected one of sqrt, log2, 1.0, got 'Sqrt'; did you mean 'sqrt'?")]
    [InlineData("max_features", "auto", "expected one of sqrt, log2, 1.0, got 'auto'.")]
    [InlineData("criterion", "ginni", "expected one of gini, entropy, log_loss, got 'ginni'; did you mean 'gini'?")]
    [InlineData("criterion", "Gini", "expected one of gini, entropy, log_loss, got 'Gini'; did you mean 'gini'?")]
    [InlineData("hidden_layers", "wide", "expected a whole number, got 'wide'.")]
    public void Bind_BadValue_ThrowsWithKeyAndExpectation(string key, string text, string expected)
    {
        var error = Assert.Throws<HyperparameterException>(() => Hyperparameters.Bind<ForestOptions>(Values((key, text))));

        Assert.Equal(key, error.Key);
        Assert.False(error.IsUnknownKey);
        Assert.Equal(expected, error.Problem);
        Assert.Equal($"ForestOptions, '{key}': {expected}", error.Message);
    }

    [Fact]
    public void Bind_UnknownKey_SuggestsNearestAndListsAllowed()
    {
        var error = Assert.Throws<HyperparameterException>(() => Hyperparameters.Bind<ForestOptions>(Values(("max_dept", "3"))));

        Assert.True(error.IsUnknownKey);
        Assert.Equal("max_dept", error.Key);
        Assert.Equal(
            "unknown hyperparameter 'max_dept'; did you mean 'max_depth'? Allowed: n_estimators, max_depth, max_features, criterion, " +
            "learning_rate, max_leaf_value, bootstrap, class_weight, label, hidden_layers, budget, salt.",
            error.Problem);
    }

    [Fact]
    public void Bind_UnknownKeyNothingClose_ListsAllowedOnly()
    {
        var error = Assert.Throws<HyperparameterException>(() => Hyperparameters.Bind<ForestOptions>(Values(("colour", "red"))));

        Assert.StartsWith("unknown hyperparameter 'colour'. Allowed: n_estimators,", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_SeedPropertyIsNotAHyperparameter_RefusedAsKey()
    {
        var error = Assert.Throws<HyperparameterException>(() => Hyperparameters.Bind<ForestOptions>(Values(("seed", "5"))));

        Assert.True(error.IsUnknownKey);
    }

    [Fact]
    public void Bind_Seed_SetsSeedProperty()
    {
        Assert.Equal(42ul, Hyperparameters.Bind<ForestOptions>(Values(), seed: 42).Seed);
        Assert.Equal(7, Hyperparameters.Bind<IntSeedOptions>(Values(), seed: 7).Seed);
    }

    [Fact]
    public void Bind_UnsupportedPropertyType_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Hyperparameters.Bind<UnsupportedOptions>(Values(("timeout", "5"))));

        Assert.Contains("UnsupportedOptions.Timeout has type TimeSpan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_NonDefaultOptions_BindBackToEqualOptions()
    {
        var original = new ForestOptions
        {
            TreeCount = 7,
            MaxDepth = 12,
            MaxFeatures = "log2",
            Criterion = SplitCriterion.LogLoss,
            LearningRate = 0.1 + 0.2,
            MaxLeafValue = double.PositiveInfinity,
            Bootstrap = false,
            ClassWeight = "null",
            Label = "8",
            HiddenLayers = [3, 1],
            Budget = long.MinValue,
            Salt = ulong.MaxValue,
        };

        var values = Hyperparameters.Values(original);
        var bound = Hyperparameters.Bind<ForestOptions>(values.ToDictionary());

        Assert.Equal(original with { HiddenLayers = [] }, bound with { HiddenLayers = [] });
        Assert.Equal(original.HiddenLayers, bound.HiddenLayers);
        Assert.Equal("0.30000000000000004", values.Single(pair => pair.Key == "learning_rate").Value.Text);
        Assert.Equal("log_loss", values.Single(pair => pair.Key == "criterion").Value.Text);
        Assert.Equal(".inf", values.Single(pair => pair.Key == "max_leaf_value").Value.Text);
        Assert.Equal("[3, 1]", values.Single(pair => pair.Key == "hidden_layers").Value.ToString());
    }

    [Fact]
    public void Describe_HelpProperties_SayTypeDefaultAndRange()
    {
        var described = Hyperparameters.Describe(typeof(ForestOptions)).ToDictionary(info => info.Name);

        Assert.Equal("a whole number from 1 to 2000", described["n_estimators"].Expectation);
        Assert.Equal("a whole number of at least 1, or null", described["max_depth"].Expectation);
        Assert.Equal("100", described["n_estimators"].DefaultText);
        Assert.Equal("null", described["max_depth"].DefaultText);
        Assert.True(described["max_depth"].AllowsNull);
        Assert.True(described["class_weight"].AllowsNull);
        Assert.False(described["label"].AllowsNull);
        Assert.Equal(["gini", "entropy", "log_loss"], described["criterion"].Choices);
        Assert.Equal("gini", described["criterion"].DefaultText);
        Assert.Equal("a list of: a whole number", described["hidden_layers"].Expectation);
        Assert.True(described["hidden_layers"].IsList);
        Assert.Equal("true or false", described["bootstrap"].Expectation);
    }

    private static Dictionary<string, HyperparameterValue> Values(params (string Key, string Text)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => HyperparameterValue.Scalar(pair.Text));
}
